import { OrderType, Side, type Execution } from "@tradewire/client";
import { afterAll, describe, expect, it } from "vitest";
import { takeViolations } from "../support/conformance";
import { testDatabases } from "../support/databases";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { TestSocket, until } from "../support/test-socket";
import { startTradingApp } from "../support/trading-app";

const ACCOUNT = "acc-alice-main";
/** More than the 10,000 the replay used to stop at, and more than ten pages. */
const HISTORY = 10_052;

describe.each(testDatabases())("executions replay on $name", (engine) => {
  afterAll(() => engine.dispose());

  it("replays every execution after the cursor from the database, then the live ones, with no gap", async () => {
    const clock = new ManualClock(WEDNESDAY_10AM_NY + 5_000);
    const first = await startTradingApp({
      clock,
      database: await engine.open(),
    });
    const order = { symbol: "MSFT", type: OrderType.Market, side: Side.Buy };
    const placed = await first.request<{ orderId: string }>(
      "POST",
      "/api/v1/broker/orders",
      { token: await first.login("alice"), body: { ...order, qty: 1 } },
    );
    expect(placed.status).toBe(201);
    await first.close();

    // A long trading history, written as the engine writes it: the fills and the account's cursor.
    const database = await engine.open();
    const { db } = database;
    for (let from = 2; from <= HISTORY; from += 1000) {
      const rows = [];
      for (let seq = from; seq < from + 1000 && seq <= HISTORY; seq++)
        rows.push({
          id: `x-${seq}`,
          account_id: ACCOUNT,
          sequence: seq,
          order_id: placed.body.orderId,
          symbol: "MSFT",
          side: 1,
          qty: 1,
          price: 400,
          commission: 1,
          time: WEDNESDAY_10AM_NY + seq,
        });
      await db.insertInto("executions").values(rows).execute();
    }
    await db
      .updateTable("account_state")
      .set({ execution_seq: HISTORY })
      .where("account_id", "=", ACCOUNT)
      .execute();

    const second = await startTradingApp({ clock, database });
    try {
      const token = await second.login("alice");
      const s = await TestSocket.open(second.wsUrl, { token });
      const sequences = () =>
        s.frames
          .filter((f) => f.type === "executions.update")
          .map((f) => (f.payload.payload as Execution).sequence);
      expect(
        (await s.subscribe("executions", { since: 0 })).payload.status,
      ).toBe("ok");
      await until(() => sequences().length >= HISTORY, 20_000, "the replay");
      const live = await second.request("POST", "/api/v1/broker/orders", {
        token,
        body: { ...order, qty: 2 },
      });
      expect(live.status).toBe(201);
      await until(() => sequences().length === HISTORY + 1);
      await s.ping();
      expect(sequences()).toEqual(
        Array.from({ length: HISTORY + 1 }, (_, i) => i + 1),
      );
      s.close();
    } finally {
      await second.close();
    }
    expect(takeViolations()).toEqual([]);
  });
});
