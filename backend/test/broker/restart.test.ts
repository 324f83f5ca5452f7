import {
  OrderStatus,
  OrderType,
  Side,
  type Order,
  type Position,
  type QuoteData,
} from "@tradewire/client";
import { afterAll, describe, expect, it } from "vitest";
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
    let token = await first.login("alice");
    const quote = (
      (
        await first.request<{ d: QuoteData[] }>(
          "GET",
          "/api/v1/datafeed/quotes?symbols=BTCUSD",
        )
      ).body.d[0] as QuoteData
    ).v;
    const limitPrice = Math.round((quote.ask - 25) * 100) / 100;
    const working = await first.request<{ orderId: string }>(
      "POST",
      "/api/v1/broker/orders",
      {
        token,
        body: {
          symbol: "BTCUSD",
          type: OrderType.Limit,
          side: Side.Buy,
          qty: 0.02,
          limitPrice,
          duration: { type: "GTC" },
        },
      },
    );
    await first.request("POST", "/api/v1/broker/orders", {
      token,
      body: { symbol: "TSLA", type: OrderType.Market, side: Side.Sell, qty: 7 },
    });
    const positionsBefore = (
      await first.request<Position[]>("GET", "/api/v1/broker/positions", {
        token,
      })
    ).body;
    const accountBefore = (
      await first.request<{ equity: { balance: number; realizedPl: number } }>(
        "GET",
        "/api/v1/broker/account",
        { token },
      )
    ).body.equity;
    await first.close();

    const second = await startTradingApp({
      clock,
      database: await engine.open(),
    });
    try {
      token = await second.login("alice");
      const order = (
        await second.request<Order>(
          "GET",
          `/api/v1/broker/orders/${working.body.orderId}`,
          { token },
        )
      ).body;
      expect(order).toMatchObject({
        status: OrderStatus.Working,
        limitPrice,
        qty: 0.02,
      });
      const positionsAfter = (
        await second.request<Position[]>("GET", "/api/v1/broker/positions", {
          token,
        })
      ).body;
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
      const accountAfter = (
        await second.request<{
          equity: { balance: number; realizedPl: number };
        }>("GET", "/api/v1/broker/account", { token })
      ).body.equity;
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
        status = (
          await second.request<Order>(
            "GET",
            `/api/v1/broker/orders/${working.body.orderId}`,
            { token },
          )
        ).body.status;
      }
      expect(status).toBe(OrderStatus.Filled);
      const filled = (
        await second.request<Order>(
          "GET",
          `/api/v1/broker/orders/${working.body.orderId}`,
          { token },
        )
      ).body;
      expect(filled.avgPrice).toBeLessThanOrEqual(limitPrice);
    } finally {
      await second.close();
    }
  });
});
