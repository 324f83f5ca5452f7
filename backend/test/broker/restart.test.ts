import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { afterAll, describe, expect, it } from "vitest";
import { brokerCalls } from "../support/broker-calls";
import { testDatabases } from "../support/databases";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { startTradingApp } from "../support/trading-app";

describe.each(testDatabases())("broker restart on $name", (engine) => {
  afterAll(() => engine.dispose());

  it("keeps working orders working, and positions and balances exact, across a restart", async () => {
    const clock = new ManualClock(WEDNESDAY_10AM_NY + 11_000);
    const first = await startTradingApp({
      clock,
      database: await engine.open(),
    });
    const before = brokerCalls(() => first);
    let token = await first.login("alice");
    const quote = (await before.quote("BTCUSD")).v;
    const limitPrice = Math.round((quote.ask - 25) * 100) / 100;
    const working = await before.place(token, {
      symbol: "BTCUSD",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 0.02,
      limitPrice,
      duration: { type: "GTC" },
    });
    await before.place(token, {
      symbol: "TSLA",
      type: OrderType.Market,
      side: Side.Sell,
      qty: 7,
    });
    const positionsBefore = await before.positions(token);
    const accountBefore = await before.equity(token);
    await first.close();

    const second = await startTradingApp({
      clock,
      database: await engine.open(),
    });
    const after = brokerCalls(() => second);
    try {
      token = await second.login("alice");
      const order = await after.order(token, working.body.orderId);
      expect(order).toMatchObject({
        status: OrderStatus.Working,
        limitPrice,
        qty: 0.02,
      });
      const positionsAfter = await after.positions(token);
      expect(
        positionsAfter.map((p) => [
          p.symbol,
          p.qty,
          p.side,
          p.avgPrice,
          p.realizedPl,
        ]),
      ).toEqual(
        positionsBefore.map((p) => [
          p.symbol,
          p.qty,
          p.side,
          p.avgPrice,
          p.realizedPl,
        ]),
      );
      const accountAfter = await after.equity(token);
      expect(accountAfter.balance).toBe(accountBefore.balance);
      expect(accountAfter.realizedPl).toBe(accountBefore.realizedPl);

      // Nobody subscribes to anything: the restarted broker watches the market for its working order itself.
      let status: number = OrderStatus.Working;
      for (
        let spent = 0;
        spent < 4 * 3600_000 && status === OrderStatus.Working;
        spent += 30_000
      ) {
        await second.run(30_000);
        status = (await after.order(token, working.body.orderId)).status;
      }
      expect(status).toBe(OrderStatus.Filled);
      const filled = await after.order(token, working.body.orderId);
      expect(filled.avgPrice).toBeLessThanOrEqual(limitPrice);
    } finally {
      await second.close();
    }
  });
});
