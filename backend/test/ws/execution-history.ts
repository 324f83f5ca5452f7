import { OrderType, Side } from "@tradewire/client";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "../../src/db/database";
import { migrateToLatest } from "../../src/db/migrate";
import { openPGlite } from "../../src/db/pglite";
import type { ManualClock } from "../support/datafeed-app";
import { startTradingApp } from "../support/trading-app";

export const MARKET_BUY = {
  symbol: "MSFT",
  type: OrderType.Market,
  side: Side.Buy,
} as const;

/**
 * Give `username`'s default account `count` executions: one real fill through the app, then the
 * rest written as the engine writes them (the fills and the account's cursor), fast. Run it on a
 * database no running app has loaded the account from.
 */
export async function writeExecutionHistory(
  clock: ManualClock,
  database: () => Promise<Database>,
  username: string,
  accountId: string,
  count: number,
): Promise<void> {
  const app = await startTradingApp({ clock, database: await database() });
  const placed = await app.request<{ orderId: string }>(
    "POST",
    "/api/v1/broker/orders",
    { token: await app.login(username), body: { ...MARKET_BUY, qty: 1 } },
  );
  if (placed.status !== 201)
    throw new Error(`the first fill failed: ${placed.status}`);
  await app.close();
  const writer = await database();
  const { db } = writer;
  const state = await db
    .selectFrom("account_state")
    .select("execution_seq")
    .where("account_id", "=", accountId)
    .executeTakeFirstOrThrow();
  const first = state.execution_seq + 1;
  const last = state.execution_seq + count - 1;
  for (let from = first; from <= last; from += 1000) {
    const rows = [];
    for (let seq = from; seq < from + 1000 && seq <= last; seq++)
      rows.push({
        id: `${accountId}-x-${seq}`,
        account_id: accountId,
        sequence: seq,
        order_id: placed.body.orderId,
        symbol: MARKET_BUY.symbol,
        side: 1,
        qty: 1,
        price: 400,
        commission: 1,
        time: clock.now() + seq,
      });
    await db.insertInto("executions").values(rows).execute();
  }
  await db
    .updateTable("account_state")
    .set({ execution_seq: last })
    .where("account_id", "=", accountId)
    .execute();
  await writer.close();
}

/** A file-backed PGlite in a fresh folder, migrated; each call opens it again. */
export function pgliteFolder(): () => Promise<Database> {
  const dir = join(mkdtempSync(join(tmpdir(), "tw-history-")), "data");
  return async () => {
    const database = await openPGlite(dir);
    await migrateToLatest(database);
    return database;
  };
}
