import {
  OrderStatus,
  OrderType,
  Side,
  type Execution,
  type Order,
  type Position,
  type ErrorBody,
} from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brokerCalls } from "../support/broker-calls";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { startTradingApp, type TradingApp } from "../support/trading-app";
import { until } from "../support/test-socket";

describe("orders end to end on a deterministic market", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY + 7_000);
  let t: TradingApp;
  let alice: string;
  let bob: string;
  const {
    quote,
    place,
    order,
    orders,
    position,
    executions,
    equity,
    modify,
    cancel,
    closePosition,
  } = brokerCalls(() => t);
  /** Run the market until the order leaves Working (or give up after `limitMs`). */
  const runUntilFilled = async (
    token: string,
    id: string,
    limitMs = 30 * 60_000,
  ) => {
    for (let spent = 0; spent < limitMs; spent += 10_000) {
      if ((await order(token, id)).status === OrderStatus.Filled) return;
      await t.run(10_000);
    }
    throw new Error(
      `order ${id} did not fill within ${limitMs} ms of market time`,
    );
  };

  beforeAll(async () => {
    t = await startTradingApp({ clock });
    alice = await t.login("alice");
    bob = await t.login("bob");
  });
  afterAll(() => t.close());

  it("fills a market buy at the ask, books an execution with commission, opens a position and charges the balance", async () => {
    const before = await equity(alice);
    const q = await quote("AAPL");
    const res = await place(alice, {
      symbol: "AAPL",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 100,
    });
    expect(res.status).toBe(201);
    expect(res.body.order).toMatchObject({
      symbol: "AAPL",
      status: OrderStatus.Filled,
      filledQty: 100,
      avgPrice: q.v.ask,
    });
    const [fill] = await executions(alice);
    expect(fill).toMatchObject({
      orderId: res.body.orderId,
      symbol: "AAPL",
      side: Side.Buy,
      qty: 100,
      price: q.v.ask,
      commission: 1,
      sequence: 1,
    });
    const aapl = await position(alice, "AAPL");
    expect(aapl).toMatchObject({
      id: "AAPL",
      qty: 100,
      side: Side.Buy,
      avgPrice: q.v.ask,
      realizedPl: 0,
    });
    const after = await equity(alice);
    expect(after.balance).toBeCloseTo(before.balance - 1, 2);
    expect(after.equity).toBeCloseTo(after.balance + after.unrealizedPl, 2);
    expect(after.buyingPower).toBeLessThan(
      before.buyingPower - 100 * q.v.ask * 0.5 + 1,
    );
  });

  it("realizes P&L when a sell reduces the position, at the bid, and nets the position", async () => {
    const q = await quote("AAPL");
    const pos = (await position(alice, "AAPL")) as Position;
    const res = await place(alice, {
      symbol: "AAPL",
      type: OrderType.Market,
      side: Side.Sell,
      qty: 40,
    });
    expect(res.body.order.avgPrice).toBe(q.v.bid);
    const after = (await position(alice, "AAPL")) as Position;
    expect(after.qty).toBe(60);
    expect(after.avgPrice).toBe(pos.avgPrice);
    expect(after.realizedPl).toBeCloseTo((q.v.bid - pos.avgPrice) * 40, 2);
  });

  it("rests a limit buy below the market and fills it at the limit once the ask comes down", async () => {
    const q = await quote("BTCUSD");
    const limit = Math.round((q.v.ask - 15) * 100) / 100;
    const res = await place(alice, {
      symbol: "BTCUSD",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 0.01,
      limitPrice: limit,
    });
    expect(res.status).toBe(201);
    expect(res.body.order.status).toBe(OrderStatus.Working);
    await runUntilFilled(alice, res.body.orderId);
    const filled = await order(alice, res.body.orderId);
    expect(filled.avgPrice).toBeLessThanOrEqual(limit);
  });

  it("triggers a buy stop when the last price reaches it, then fills at the ask", async () => {
    const q = await quote("ETHUSD");
    const stop = Math.round((q.v.lp + 1) * 100) / 100;
    const res = await place(alice, {
      symbol: "ETHUSD",
      type: OrderType.Stop,
      side: Side.Buy,
      qty: 0.1,
      stopPrice: stop,
    });
    expect(res.body.order.status).toBe(OrderStatus.Working);
    await runUntilFilled(alice, res.body.orderId);
    expect(
      (await order(alice, res.body.orderId)).avgPrice,
    ).toBeGreaterThanOrEqual(stop - 1);
  });

  it("works a stop-limit as a limit once its stop triggers", async () => {
    const q = await quote("SOLUSD");
    const stop = Math.round((q.v.lp - 0.05) * 100) / 100;
    const res = await place(alice, {
      symbol: "SOLUSD",
      type: OrderType.StopLimit,
      side: Side.Sell,
      qty: 1,
      stopPrice: stop,
      limitPrice: Math.round((stop - 0.2) * 100) / 100,
    });
    expect(res.status).toBe(201);
    await runUntilFilled(alice, res.body.orderId);
    expect(
      (await order(alice, res.body.orderId)).avgPrice,
    ).toBeGreaterThanOrEqual(stop - 0.2);
  });

  it("activates take-profit and stop-loss on fill, and cancels the other when one fills (OCO)", async () => {
    const q = await quote("BTCUSD");
    const res = await place(bob, {
      symbol: "BTCUSD",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 0.05,
      takeProfit: Math.round((q.v.ask + 40) * 100) / 100,
      stopLoss: Math.round((q.v.ask - 40) * 100) / 100,
    });
    expect(res.status).toBe(201);
    const children = () =>
      orders(bob).then((all) =>
        all.filter((o) => o.parentId === res.body.orderId),
      );
    expect((await children()).map((o) => [o.type, o.status])).toEqual(
      expect.arrayContaining([
        [OrderType.Limit, OrderStatus.Working],
        [OrderType.Stop, OrderStatus.Working],
      ]),
    );
    for (
      let spent = 0;
      spent < 6 * 3600_000 &&
      (await children()).some(
        (o) =>
          o.status === OrderStatus.Working &&
          (o.type === OrderType.Limit || o.type === OrderType.Stop),
      ) &&
      !(await children()).some((o) => o.status === OrderStatus.Filled);
      spent += 60_000
    ) {
      await t.run(60_000);
    }
    const final = await children();
    expect(final.filter((o) => o.status === OrderStatus.Filled)).toHaveLength(
      1,
    );
    expect(final.filter((o) => o.status === OrderStatus.Canceled)).toHaveLength(
      1,
    );
    expect(await position(bob, "BTCUSD")).toBeUndefined();
  });

  it("places one order for two concurrent submits with the same clientOrderId, and answers both the same", async () => {
    const body = {
      symbol: "MSFT",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 5,
      limitPrice: 10,
      clientOrderId: "dup-1",
    };
    const [a, b] = await Promise.all([place(alice, body), place(alice, body)]);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body).toEqual(a.body);
    const again = await place(alice, body);
    expect(again.body.orderId).toBe(a.body.orderId);
    const all = await orders(alice);
    expect(all.filter((o) => o.clientOrderId === "dup-1")).toHaveLength(1);
  });

  it("rejects and records an order the account cannot afford (422 INSUFFICIENT_BUYING_POWER)", async () => {
    const res = await place(bob, {
      symbol: "NVDA",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 100_000,
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: "INSUFFICIENT_BUYING_POWER",
      field: "qty",
    });
    expect(res.body.order.status).toBe(OrderStatus.Rejected);
    expect(res.body.order.rejectReason).toMatch(/margin/);
    expect((await order(bob, res.body.order.id)).status).toBe(
      OrderStatus.Rejected,
    );
  });

  it("rejects and records an order on a closed market (422 MARKET_CLOSED)", async () => {
    const saturday = new ManualClock(Date.UTC(2026, 10, 28, 15, 0));
    const weekend = await startTradingApp({ clock: saturday });
    try {
      const token = await weekend.login("bob");
      const res = await weekend.request<{ error: { code: string } }>(
        "POST",
        "/api/v1/broker/orders",
        {
          token,
          body: {
            symbol: "AAPL",
            type: OrderType.Market,
            side: Side.Buy,
            qty: 1,
          },
        },
      );
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("MARKET_CLOSED");
    } finally {
      await weekend.close();
    }
  });

  it.each([
    [
      "zero quantity",
      { symbol: "AAPL", type: OrderType.Market, side: Side.Buy, qty: 0 },
      "INVALID_PARAMS",
      "qty",
    ],
    [
      "a price off the tick grid",
      {
        symbol: "AAPL",
        type: OrderType.Limit,
        side: Side.Buy,
        qty: 1,
        limitPrice: 100.005,
      },
      "INVALID_ORDER",
      "limitPrice",
    ],
    [
      "a limit order without a price",
      { symbol: "AAPL", type: OrderType.Limit, side: Side.Buy, qty: 1 },
      "INVALID_ORDER",
      "limitPrice",
    ],
    [
      "a market order with a price",
      {
        symbol: "AAPL",
        type: OrderType.Market,
        side: Side.Buy,
        qty: 1,
        limitPrice: 100,
      },
      "INVALID_ORDER",
      "limitPrice",
    ],
    [
      "a fractional share",
      { symbol: "AAPL", type: OrderType.Market, side: Side.Buy, qty: 1.5 },
      "INVALID_ORDER",
      "qty",
    ],
    [
      "an unknown symbol",
      { symbol: "NOPE", type: OrderType.Market, side: Side.Buy, qty: 1 },
      "UNKNOWN_SYMBOL",
      "symbol",
    ],
    [
      "a buy stop below the market",
      {
        symbol: "AAPL",
        type: OrderType.Stop,
        side: Side.Buy,
        qty: 1,
        stopPrice: 1,
      },
      "INVALID_ORDER",
      "stopPrice",
    ],
    [
      "a take-profit under a buy's entry",
      {
        symbol: "AAPL",
        type: OrderType.Limit,
        side: Side.Buy,
        qty: 1,
        limitPrice: 100,
        takeProfit: 90,
      },
      "INVALID_ORDER",
      "takeProfit",
    ],
  ])(
    "answers %s with 400, the code and the field, and places nothing",
    async (_what, body, code, field) => {
      const before = (await orders(bob)).length;
      const res = await t.request<{ code: string; field: string }>(
        "POST",
        "/api/v1/broker/orders",
        { token: bob, body },
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code, field });
      expect((await orders(bob)).length).toBe(before);
    },
  );

  it("words a schema failure so a form can show it beside the field", async () => {
    const res = await t.request<{
      code: string;
      field: string;
      message: string;
    }>("POST", "/api/v1/broker/orders", {
      token: bob,
      body: { symbol: "AAPL", type: OrderType.Market, side: Side.Buy, qty: 0 },
    });
    expect(res.body).toEqual({
      requestId: expect.any(String) as string,
      code: "INVALID_PARAMS",
      field: "qty",
      message: "qty must be > 0",
    });
  });

  it("modifies and cancels a working order, and refuses both once it is done (409 ORDER_NOT_MODIFIABLE)", async () => {
    const res = await place(alice, {
      symbol: "GOOGL",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 3,
      limitPrice: 50,
    });
    const modified = await modify(alice, res.body.orderId, {
      qty: 4,
      limitPrice: 51,
    });
    expect(modified.status).toBe(200);
    expect(modified.body).toMatchObject({
      qty: 4,
      limitPrice: 51,
      status: OrderStatus.Working,
    });
    const cancelled = await cancel(alice, res.body.orderId);
    expect(cancelled.body.status).toBe(OrderStatus.Canceled);
    const again = await cancel<ErrorBody>(alice, res.body.orderId);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("ORDER_NOT_MODIFIABLE");
    const market = await place(alice, {
      symbol: "GOOGL",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 1,
    });
    const modifyFilled = await modify<ErrorBody>(alice, market.body.orderId, {
      qty: 2,
    });
    expect(modifyFilled.status).toBe(409);
  });

  it("keeps accounts apart: another user cannot see, modify or cancel an order, nor name the account", async () => {
    const res = await place(alice, {
      symbol: "JPM",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 2,
      limitPrice: 20,
    });
    const id = res.body.orderId;
    expect(
      (await t.request("GET", `/api/v1/broker/orders/${id}`, { token: bob }))
        .status,
    ).toBe(404);
    expect((await modify(bob, id, { qty: 1 })).status).toBe(404);
    expect((await cancel(bob, id)).status).toBe(404);
    const naming = await t.request(
      "GET",
      "/api/v1/broker/orders?accountId=acc-alice-main",
      { token: bob },
    );
    expect(naming.status).toBe(404);
    expect(naming.body).toEqual({
      requestId: expect.any(String) as string,
      code: "NOT_FOUND",
      message: "no account acc-alice-main",
    });
    expect(
      (
        await t.request("GET", "/api/v1/broker/orders?accountId=acc-nope", {
          token: bob,
        })
      ).body,
    ).toEqual({
      requestId: expect.any(String) as string,
      code: "NOT_FOUND",
      message: "no account acc-nope",
    });
    const bobs = await orders(bob);
    expect(bobs.some((o) => o.id === id)).toBe(false);
    // Alice's second account is hers to name, and starts empty.
    const swing = await t.request<Order[]>(
      "GET",
      "/api/v1/broker/orders?accountId=acc-alice-swing",
      { token: alice },
    );
    expect(swing.status).toBe(200);
    expect(swing.body).toEqual([]);
  });

  it("closes a position partly, then fully, with market orders", async () => {
    await place(bob, {
      symbol: "XOM",
      type: OrderType.Market,
      side: Side.Sell,
      qty: 30,
    });
    const short = (await position(bob, "XOM")) as Position;
    expect(short).toMatchObject({ qty: 30, side: Side.Sell });
    const partial = await closePosition(bob, "XOM", "?qty=10");
    expect(partial.status).toBe(200);
    expect(partial.body.order).toMatchObject({
      side: Side.Buy,
      qty: 10,
      status: OrderStatus.Filled,
    });
    expect((await position(bob, "XOM"))?.qty).toBe(20);
    const tooMuch = await closePosition<ErrorBody>(bob, "XOM", "?qty=50");
    expect(tooMuch.status).toBe(400);
    await closePosition(bob, "XOM");
    expect(await position(bob, "XOM")).toBeUndefined();
    expect((await closePosition(bob, "XOM")).status).toBe(404);
  });

  it("pages executions newest first with nextBefore, filtered by symbol", async () => {
    const page = (
      await t.request<{ items: Execution[]; nextBefore?: number }>(
        "GET",
        "/api/v1/broker/executions?limit=2",
        { token: alice },
      )
    ).body;
    expect(page.items).toHaveLength(2);
    expect((page.items[0] as Execution).sequence).toBeGreaterThan(
      (page.items[1] as Execution).sequence,
    );
    const next = (
      await t.request<{ items: Execution[] }>(
        "GET",
        `/api/v1/broker/executions?limit=2&before=${page.nextBefore ?? 0}`,
        { token: alice },
      )
    ).body;
    expect((next.items[0] as Execution).sequence).toBe(
      (page.items[1] as Execution).sequence - 1,
    );
    const aapl = (
      await t.request<{ items: Execution[] }>(
        "GET",
        "/api/v1/broker/executions?symbol=AAPL",
        { token: alice },
      )
    ).body.items;
    expect(aapl.length).toBe(2);
    expect(aapl.every((e) => e.symbol === "AAPL")).toBe(true);
    await until(() => true);
  });
});
