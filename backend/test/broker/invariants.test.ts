import {
  OrderStatus,
  OrderType,
  Side,
  type ErrorBody,
} from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brokerCalls } from "../support/broker-calls";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { specFetch } from "../support/openapi-conformance";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const SWING = "?accountId=acc-alice-swing";

/** Regressions of the broker failures reproduced against e23c750, over real HTTP on the real app. */
describe("broker invariants over HTTP", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY + 5_000);
  let t: TradingApp;
  let alice: string;
  let bob: string;
  const {
    quote,
    place,
    order,
    orders,
    positions,
    position,
    equity,
    modify,
    closePosition,
  } = brokerCalls(() => t);
  /** POST a body written by hand: JSON can spell numbers JSON.stringify cannot (1e400). */
  const placeRaw = async (token: string, json: string) => {
    const res = await specFetch(`${t.httpUrl}/api/v1/broker/orders`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
      },
      body: json,
    });
    return { status: res.status, body: JSON.parse(res.text) as unknown };
  };

  beforeAll(async () => {
    t = await startTradingApp({ clock });
    alice = await t.login("alice");
    bob = await t.login("bob");
  });
  afterAll(() => t.close());

  it("refuses a modification past buying power with 422 and leaves the order as it was", async () => {
    const placed = await place(alice, {
      symbol: "BTCUSD",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 0.01,
      limitPrice: 1000,
    });
    expect(placed.status).toBe(201);
    const before = await equity(alice);
    const res = await modify<ErrorBody>(alice, placed.body.orderId, {
      qty: 100,
      limitPrice: 500_000,
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: "INSUFFICIENT_BUYING_POWER",
      field: "qty",
    });
    expect(await order(alice, placed.body.orderId)).toMatchObject({
      qty: 0.01,
      limitPrice: 1000,
      status: OrderStatus.Working,
      filledQty: 0,
    });
    expect(await position(alice, "BTCUSD")).toBeUndefined();
    expect((await equity(alice)).buyingPower).toBe(before.buyingPower);
    // Within buying power the same order can still be modified.
    const smaller = await modify(alice, placed.body.orderId, {
      qty: 0.02,
      limitPrice: 1100,
    });
    expect(smaller.status).toBe(200);
    expect(smaller.body).toMatchObject({ qty: 0.02, limitPrice: 1100 });
  });

  it("refuses a quantity that rounds to zero lots, and the account stays readable", async () => {
    const res = await place(bob, {
      symbol: "SOLUSD",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 5e-11,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "INVALID_ORDER", field: "qty" });
    // Then what used to be poisoned: a big buy, the account and the positions.
    const big = await place(bob, {
      symbol: "BTCUSD",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 1000,
    });
    expect(big.status).toBe(422);
    expect(big.body.error.code).toBe("INSUFFICIENT_BUYING_POWER");
    const account = await equity(bob);
    expect(
      Object.values(account).every(
        (v) => typeof v !== "number" || Number.isFinite(v),
      ),
    ).toBe(true);
    expect(account.balance).toBe(100_000);
    expect(await positions(bob)).toEqual([]);
  });

  it.each([
    ["limitPrice", 1e-300, { type: OrderType.Limit }],
    ["limitPrice", 0.004, { type: OrderType.Limit }],
    ["stopPrice", 1e-300, { type: OrderType.Stop }],
    ["takeProfit", 1e-300, { type: OrderType.Market }],
    ["stopLoss", 1e-300, { type: OrderType.Market, side: Side.Sell }],
    ["limitPrice", 1e300, { type: OrderType.Limit, side: Side.Sell }],
    ["qty", 1e-300, { type: OrderType.Market }],
    ["qty", 0.123, { type: OrderType.Market }],
  ] as const)(
    "refuses %s %s with 400 INVALID_ORDER naming the field, and stores nothing",
    async (field, value, shape) => {
      const before = (await orders(bob)).length;
      const sol = await quote("SOLUSD");
      const res = await place(bob, {
        symbol: "SOLUSD",
        side: Side.Buy,
        qty: 1,
        ...(shape.type === OrderType.Limit ? { limitPrice: sol.v.bid } : {}),
        ...(shape.type === OrderType.Stop
          ? { stopPrice: Math.round(sol.v.lp * 110) / 100 }
          : {}),
        ...shape,
        [field]: value,
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: "INVALID_ORDER", field });
      expect((await orders(bob)).length).toBe(before);
    },
  );

  it("refuses quantities and prices JSON spells as infinite (1e400) at the schema", async () => {
    const qty = await placeRaw(
      bob,
      '{"symbol":"SOLUSD","type":2,"side":1,"qty":1e400}',
    );
    expect(qty.status).toBe(400);
    expect(qty.body).toMatchObject({ code: "INVALID_PARAMS", field: "qty" });
    const price = await placeRaw(
      bob,
      '{"symbol":"SOLUSD","type":1,"side":1,"qty":1,"limitPrice":1e400}',
    );
    expect(price.status).toBe(400);
    expect(price.body).toMatchObject({
      code: "INVALID_PARAMS",
      field: "limitPrice",
    });
  });

  it("applies the same bounds to a modification and to a position close", async () => {
    const sol = await quote("SOLUSD");
    const working = await place(bob, {
      symbol: "SOLUSD",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 2,
      limitPrice: Math.round(sol.v.bid * 90) / 100,
    });
    expect(working.status).toBe(201);
    for (const body of [{ qty: 5e-11 }, { limitPrice: 1e-300 }]) {
      const res = await modify<ErrorBody>(bob, working.body.orderId, body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: "INVALID_ORDER",
        field: Object.keys(body)[0],
      });
    }
    const bought = await place(bob, {
      symbol: "SOLUSD",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 3,
    });
    expect(bought.status).toBe(201);
    const close = await closePosition<ErrorBody>(bob, "SOLUSD", "?qty=5e-11");
    expect(close.status).toBe(400);
    expect(close.body).toMatchObject({ code: "INVALID_ORDER", field: "qty" });
    expect((await position(bob, "SOLUSD"))?.qty).toBe(3);
    const part = await closePosition(bob, "SOLUSD", "?qty=1");
    expect(part.status).toBe(200);
    expect((await position(bob, "SOLUSD"))?.qty).toBe(2);
  });

  it("margins working sells together: those past the long are openings, refused once buying power is spent", async () => {
    const buy = await place(
      alice,
      { symbol: "BTCUSD", type: OrderType.Market, side: Side.Buy, qty: 0.1 },
      SWING,
    );
    expect(buy.status).toBe(201);
    const btc = await quote("BTCUSD");
    const limitPrice = Math.round(btc.v.ask * 101) / 100;
    const powers = [(await equity(alice, SWING)).buyingPower];
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await place(
        alice,
        {
          symbol: "BTCUSD",
          type: OrderType.Limit,
          side: Side.Sell,
          qty: 0.1,
          limitPrice,
        },
        SWING,
      );
      statuses.push(res.status);
      if (res.status === 422)
        expect(res.body.error.code).toBe("INSUFFICIENT_BUYING_POWER");
      powers.push((await equity(alice, SWING)).buyingPower);
    }
    const accepted = statuses.filter((s) => s === 201).length;
    // 0.1 BTC of margin is about 4,800 of the ~20,000 left: four openings fit, not twenty-nine.
    expect(accepted).toBeGreaterThanOrEqual(4);
    expect(accepted).toBeLessThanOrEqual(5);
    expect(statuses.slice(0, accepted).every((s) => s === 201)).toBe(true);
    // The first sell only reduces the long: it holds no margin. Each later one is an opening.
    expect(powers[1]).toBe(powers[0]);
    const opening = 0.1 * limitPrice * 0.5;
    expect((powers[1] as number) - (powers[2] as number)).toBeGreaterThan(
      opening,
    );
    expect((powers[1] as number) - (powers[2] as number)).toBeLessThan(
      opening * 1.01,
    );
    const account = await equity(alice, SWING);
    const openings = (accepted - 1) * 0.1;
    expect(openings * limitPrice * 0.5).toBeLessThanOrEqual(account.equity);
  });

  it("answers 409 CLIENT_ORDER_ID_REUSED with the original order for the same id with a different body", async () => {
    const body = {
      symbol: "MSFT",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 5,
      limitPrice: 400,
      clientOrderId: "reuse-1",
    };
    const first = await place(bob, body);
    expect(first.status).toBe(201);
    const again = await place(bob, body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const reused = await place(bob, { ...body, qty: 6 });
    expect(reused.status).toBe(409);
    expect(reused.body.error).toMatchObject({
      code: "CLIENT_ORDER_ID_REUSED",
      field: "clientOrderId",
    });
    expect(reused.body.order).toEqual(first.body.order);
    const mine = (await orders(bob)).filter(
      (o) => o.clientOrderId === "reuse-1",
    );
    expect(mine.map((o) => [o.id, o.qty])).toEqual([[first.body.orderId, 5]]);
  });

  it("keeps a rejected placement's answer for its id, and 409s a different body under it", async () => {
    const body = {
      symbol: "NVDA",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 100_000,
      clientOrderId: "reuse-2",
    };
    const first = await place(bob, body);
    expect(first.status).toBe(422);
    const again = await place(bob, body);
    expect(again.status).toBe(422);
    expect(again.body.order.id).toBe(first.body.order.id);
    const reused = await place(bob, { ...body, qty: 1 });
    expect(reused.status).toBe(409);
    expect(reused.body.order).toMatchObject({
      id: first.body.order.id,
      status: OrderStatus.Rejected,
    });
  });
});

describe("broker order limits from the environment", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY + 5_000);
  let t: TradingApp;
  let bob: string;
  const { quote, place } = brokerCalls(() => t);

  beforeAll(async () => {
    t = await startTradingApp({
      clock,
      env: { BROKER_MAX_ORDER_QTY: "5", BROKER_PRICE_BAND: "2" },
    });
    bob = await t.login("bob");
  });
  afterAll(() => t.close());

  it("refuses a quantity over BROKER_MAX_ORDER_QTY and takes one at it", async () => {
    const over = await place<ErrorBody>(bob, {
      symbol: "AAPL",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 6,
    });
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ code: "INVALID_ORDER", field: "qty" });
    expect(over.body.message).toMatch(/at most 5/);
    const at = await place(bob, {
      symbol: "AAPL",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 5,
    });
    expect(at.status).toBe(201);
  });

  it("refuses a price outside BROKER_PRICE_BAND times the last price", async () => {
    const last = (await quote("AAPL")).v.lp;
    const limit = (limitPrice: number) =>
      place<ErrorBody>(bob, {
        symbol: "AAPL",
        type: OrderType.Limit,
        side: Side.Sell,
        qty: 1,
        limitPrice,
      });
    const far = await limit(Math.round(last * 201) / 100);
    expect(far.status).toBe(400);
    expect(far.body).toMatchObject({
      code: "INVALID_ORDER",
      field: "limitPrice",
    });
    const low = await limit(Math.round(last * 49) / 100);
    expect(low.status).toBe(400);
    expect((await limit(Math.round(last * 150) / 100)).status).toBe(201);
  });
});
