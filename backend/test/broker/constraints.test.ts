import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database";
import { migratorFor } from "../../src/db/migrate";
import type { OrdersTable } from "../../src/db/schema";
import { testDatabases } from "../support/databases";

const ACCOUNT = "acc-constraints";

async function seedAccount(database: Database): Promise<void> {
  await database.db
    .insertInto("users")
    .values({
      id: "u-constraints",
      username: "constraints",
      display_name: "Constraints",
      password_hash: "x",
    })
    .execute();
  await database.db
    .insertInto("accounts")
    .values({
      id: ACCOUNT,
      user_id: "u-constraints",
      name: "Constraints",
      currency: "USD",
      starting_balance: 1000,
      position: 0,
    })
    .execute();
}

function orderRow(id: string, changes: Partial<OrdersTable> = {}): OrdersTable {
  return {
    id,
    account_id: ACCOUNT,
    client_order_id: null,
    symbol: "BTCUSD",
    type: 1,
    side: 1,
    qty: 0.5,
    status: 6,
    limit_price: 90_000,
    stop_price: null,
    stop_triggered: false,
    filled_qty: 0,
    avg_price: null,
    parent_id: null,
    parent_type: null,
    take_profit: null,
    stop_loss: null,
    duration: "GTC",
    reject_code: null,
    reject_reason: null,
    client_request: null,
    create_time: 1,
    update_time: 1,
    ...changes,
  };
}

describe.each(testDatabases())(
  "broker CHECK constraints on $name",
  (engine) => {
    let database: Database;

    beforeAll(async () => {
      database = await engine.open();
      await seedAccount(database);
      await database.db
        .insertInto("orders")
        .values(orderRow("ord-good"))
        .execute();
      await database.db
        .insertInto("account_state")
        .values({
          account_id: ACCOUNT,
          balance: 1000,
          realized_pl: 0,
          execution_seq: 0,
          order_seq: 0,
        })
        .execute();
      await database.db
        .insertInto("positions")
        .values({
          account_id: ACCOUNT,
          symbol: "BTCUSD",
          net_qty: 0.5,
          avg_price: 90_000,
          realized_pl: 0,
          update_time: 1,
        })
        .execute();
    });
    afterAll(async () => {
      await database.close();
      await engine.dispose();
    });

    it.each([
      ["a NaN quantity", { qty: NaN }],
      ["an infinite quantity", { qty: Infinity }],
      ["a zero quantity", { qty: 0 }],
      ["a negative quantity", { qty: -1 }],
      ["a NaN filled quantity", { filled_qty: NaN }],
      ["more filled than ordered", { filled_qty: 0.6 }],
      ["a NaN limit price", { limit_price: NaN }],
      ["a limit price of 0", { limit_price: 0 }],
      ["an infinite stop price", { stop_price: -Infinity }],
      ["a NaN average price", { avg_price: NaN }],
      ["a NaN take-profit", { take_profit: NaN }],
      ["a negative stop-loss", { stop_loss: -5 }],
    ] as const)("refuses an order with %s", async (_what, changes) => {
      await expect(
        database.db
          .insertInto("orders")
          .values(orderRow(`ord-${randomBytes(4).toString("hex")}`, changes))
          .execute(),
      ).rejects.toThrow(/check constraint/);
    });

    it("refuses to update an order, a position or a balance to NaN, and keeps the row as it was", async () => {
      await expect(
        database.db
          .updateTable("orders")
          .set({ qty: NaN })
          .where("id", "=", "ord-good")
          .execute(),
      ).rejects.toThrow(/orders_qty_valid/);
      await expect(
        database.db
          .updateTable("positions")
          .set({ avg_price: NaN })
          .where("account_id", "=", ACCOUNT)
          .execute(),
      ).rejects.toThrow(/positions_values_valid/);
      await expect(
        database.db
          .updateTable("positions")
          .set({ net_qty: 0.5, avg_price: 0 })
          .where("account_id", "=", ACCOUNT)
          .execute(),
      ).rejects.toThrow(/positions_values_valid/);
      await expect(
        database.db
          .updateTable("account_state")
          .set({ balance: Infinity })
          .where("account_id", "=", ACCOUNT)
          .execute(),
      ).rejects.toThrow(/account_state_values_valid/);
      const order = await database.db
        .selectFrom("orders")
        .select("qty")
        .where("id", "=", "ord-good")
        .executeTakeFirstOrThrow();
      expect(order.qty).toBe(0.5);
      const state = await database.db
        .selectFrom("account_state")
        .select("balance")
        .where("account_id", "=", ACCOUNT)
        .executeTakeFirstOrThrow();
      expect(state.balance).toBe(1000);
    });

    it("refuses an execution of no quantity or a NaN price, and takes a real one", async () => {
      const execution = (id: string, qty: number, price: number) =>
        database.db
          .insertInto("executions")
          .values({
            id,
            account_id: ACCOUNT,
            sequence: Number.parseInt(id.slice(4), 10),
            order_id: "ord-good",
            symbol: "BTCUSD",
            side: 1,
            qty,
            price,
            commission: 1,
            time: 1,
          })
          .execute();
      await expect(execution("exe-1", 0, 90_000)).rejects.toThrow(
        /executions_qty_valid/,
      );
      await expect(execution("exe-2", 0.5, NaN)).rejects.toThrow(
        /executions_price_valid/,
      );
      await execution("exe-3", 0.5, 90_000);
      const stored = await database.db
        .selectFrom("executions")
        .select(["id", "qty", "price"])
        .where("account_id", "=", ACCOUNT)
        .execute();
      expect(stored).toEqual([{ id: "exe-3", qty: 0.5, price: 90_000 }]);
    });
  },
);

describe.each(testDatabases({ migrated: false }))(
  "the broker invariants migration on $name",
  (engine) => {
    afterAll(() => engine.dispose());

    it("migrates a database an older version poisoned with NaN, and lets no such row be written again", async () => {
      const database = await engine.open();
      try {
        const upTo003 = await migratorFor(database).migrateTo("003-broker");
        expect(upTo003.error).toBeUndefined();
        await seedAccount(database);
        await database.db
          .insertInto("positions")
          .values({
            account_id: ACCOUNT,
            symbol: "SOLUSD",
            net_qty: 0,
            avg_price: NaN,
            realized_pl: 0,
            update_time: 1,
          })
          .execute();
        const latest = await migratorFor(database).migrateToLatest();
        expect(latest.error).toBeUndefined();
        expect(latest.results?.map((r) => r.migrationName)).toContain(
          "004-broker-invariants",
        );
        const poisoned = await database.db
          .selectFrom("positions")
          .select("avg_price")
          .where("account_id", "=", ACCOUNT)
          .executeTakeFirstOrThrow();
        expect(poisoned.avg_price).toBeNaN();
        await expect(
          database.db
            .updateTable("positions")
            .set({ update_time: 2 })
            .where("account_id", "=", ACCOUNT)
            .execute(),
        ).rejects.toThrow(/positions_values_valid/);
        await database.db
          .updateTable("positions")
          .set({ avg_price: 0, update_time: 2 })
          .where("account_id", "=", ACCOUNT)
          .execute();
      } finally {
        await database.close();
      }
    });
  },
);
