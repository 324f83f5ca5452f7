import {
  OrderStatus,
  OrderType,
  Side,
  type Order,
  type Position,
  type ErrorBody,
} from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brokerCalls } from "../support/broker-calls";
import { ControlledMarket } from "../support/controlled-market";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const SWING = "?accountId=acc-alice-swing";

/**
 * What the fill of an order admitted earlier does once the market has moved, over real HTTP on the
 * real app, with prices the test sets. Each account starts from its demo balance.
 */
describe("fills of working orders after the market moved", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  const market = new ControlledMarket();
  let t: TradingApp;
  let alice: string;
  let bob: string;

  const {
    place,
    order,
    orders,
    position,
    equity,
    modify,
    cancel,
    closePosition,
  } = brokerCalls(() => t);
  /** Move the market and wait until every account has matched against it. */
  const move = async (symbol: string, last: number) => {
    market.set(symbol, last);
    await new Promise((resolve) => setImmediate(resolve));
    for (const id of ["acc-alice-main", "acc-alice-swing", "acc-bob-main"])
      await t.broker.idle(id);
  };

  beforeAll(async () => {
    t = await startTradingApp({
      clock,
      market,
    });
    alice = await t.login("alice");
    bob = await t.login("bob");
  });
  afterAll(() => t.close());

  it("rejects a buy stop that gapped past what the account can afford, and fills one that did not", async () => {
    market.set("BTCUSD", 96_000);
    const stop = (query: string) =>
      place(
        alice,
        {
          symbol: "BTCUSD",
          type: OrderType.Stop,
          side: Side.Buy,
          qty: 0.25,
          stopPrice: 97_000,
          duration: { type: "GTC" },
        },
        query,
      );
    // Alice Swing (25,000) can afford 0.25 BTC near 97,000 (about 12,200 of margin), not at 210,000.
    const gapped = await stop(SWING);
    expect(gapped.status).toBe(201);
    expect((await equity(alice, SWING)).buyingPower).toBeLessThan(13_000);
    await move("BTCUSD", 210_000);
    const rejected = await order(alice, gapped.body.orderId, SWING);
    expect(rejected.status).toBe(OrderStatus.Rejected);
    expect(rejected.rejectReason).toMatch(/^not filled at 210000\.5: .*margin/);
    expect(await position(alice, "BTCUSD", SWING)).toBeUndefined();
    const after = await equity(alice, SWING);
    expect(after).toMatchObject({ balance: 25_000, equity: 25_000 });
    expect(after.buyingPower).toBe(25_000);

    market.set("BTCUSD", 96_000);
    const steady = await stop(SWING);
    await move("BTCUSD", 97_000);
    const filled = await order(alice, steady.body.orderId, SWING);
    expect(filled).toMatchObject({
      status: OrderStatus.Filled,
      avgPrice: 97_000.5,
    });
    expect((await equity(alice, SWING)).buyingPower).toBeGreaterThan(0);
    await closePosition(alice, "BTCUSD", SWING);
  });

  it("fills a protective stop-loss on an account under water, and closes what is left at any loss", async () => {
    market.set("BTCUSD", 96_000);
    const entry = await place(bob, {
      symbol: "BTCUSD",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 1.9,
      stopLoss: 95_000,
      takeProfit: 99_000,
    });
    expect(entry.status).toBe(201);
    // A gap through the stop: 1.9 BTC lose about 49,000, the margin is bigger than the equity left.
    await move("BTCUSD", 70_000);
    const children = (await orders(bob)).filter(
      (o) => o.parentId === entry.body.orderId,
    );
    expect(
      children.map((o) => [o.type, o.status]).sort((a, b) => a[0]! - b[0]!),
    ).toEqual([
      [OrderType.Limit, OrderStatus.Canceled],
      [OrderType.Stop, OrderStatus.Filled],
    ]);
    expect(children.find((o) => o.type === OrderType.Stop)?.avgPrice).toBe(
      69_999.5,
    );
    expect(await position(bob, "BTCUSD")).toBeUndefined();
    const after = await equity(bob);
    expect(after.balance).toBeCloseTo(
      100_000 +
        (69_999.5 - 96_000.5) * 1.9 -
        0.001 * 1.9 * (96_000.5 + 69_999.5),
      1,
    );
  });

  it("fills working sells past the long only as far as buying power goes, and never leaves a short the equity cannot carry", async () => {
    market.set("BTCUSD", 96_000);
    const bought = await place(
      alice,
      { symbol: "BTCUSD", type: OrderType.Market, side: Side.Buy, qty: 0.1 },
      SWING,
    );
    expect(bought.status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push(
        (
          await place(
            alice,
            {
              symbol: "BTCUSD",
              type: OrderType.Limit,
              side: Side.Sell,
              qty: 0.1,
              limitPrice: 96_500,
              duration: { type: "GTC" },
            },
            SWING,
          )
        ).status,
      );
    const accepted = statuses.filter((s) => s === 201).length;
    expect(accepted).toBeLessThan(10);
    await move("BTCUSD", 96_600);
    const short = await position(alice, "BTCUSD", SWING);
    expect(short).toMatchObject({
      side: Side.Sell,
      qty: Number(((accepted - 1) * 0.1).toFixed(4)),
    });
    const account = await equity(alice, SWING);
    // Margin of the short at the ask: half its notional, within the equity.
    expect((short as Position).qty * 96_600.5 * 0.5).toBeLessThan(
      account.equity,
    );
    await closePosition(alice, "BTCUSD", SWING);
  });

  it("rejects a buy limit reached after the account lost money, and still lets it close the position", async () => {
    market.set("BTCUSD", 96_000);
    const long = await place(alice, {
      symbol: "BTCUSD",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 1.8,
    });
    expect(long.status).toBe(201);
    const limit = await place(alice, {
      symbol: "BTCUSD",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 0.2,
      limitPrice: 94_000,
      duration: { type: "GTC" },
    });
    expect(limit.status).toBe(201);
    await move("BTCUSD", 80_000);
    const refused = await order(alice, limit.body.orderId);
    expect(refused.status).toBe(OrderStatus.Rejected);
    expect(refused.rejectReason).toMatch(/^not filled at 80000\.5/);
    expect((await position(alice, "BTCUSD"))?.qty).toBe(1.8);
    expect((await equity(alice)).buyingPower).toBe(0);
    const close = await closePosition(alice, "BTCUSD");
    expect(close.status).toBe(200);
    expect(close.body.order.status).toBe(OrderStatus.Filled);
    expect(await position(alice, "BTCUSD")).toBeUndefined();
  });

  it("gives buying power back when either order of a bracket pair is cancelled, whichever would cost more", async () => {
    market.set("USDJPY", 147.5);
    const entry = await place(alice, {
      symbol: "USDJPY",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 1_000_000,
      takeProfit: 155,
      stopLoss: 140,
    });
    expect(entry.status).toBe(201);
    // Half closed: each bracket would now sell 500,000 more than the position holds.
    await closePosition(alice, "USDJPY", "?qty=500000");
    const brackets = (await orders(alice)).filter(
      (o) =>
        o.parentId === entry.body.orderId && o.status === OrderStatus.Working,
    );
    expect(brackets).toHaveLength(2);
    let power = (await equity(alice)).buyingPower;
    // The stop-loss, at the lower yen price, costs more dollars of spread: cancel the other first.
    for (const type of [OrderType.Limit, OrderType.Stop]) {
      const bracket = brackets.find((o) => o.type === type) as Order;
      await cancel(alice, bracket.id);
      const after = (await equity(alice)).buyingPower;
      expect(after).toBeGreaterThanOrEqual(power);
      power = after;
    }
    await closePosition(alice, "USDJPY");
  });

  it("refuses a new stop price for a stop-limit whose stop has triggered, and still modifies its limit", async () => {
    market.set("BTCUSD", 96_000);
    const placed = await place(bob, {
      symbol: "BTCUSD",
      type: OrderType.StopLimit,
      side: Side.Sell,
      qty: 0.01,
      stopPrice: 95_000,
      limitPrice: 95_500,
    });
    expect(placed.status).toBe(201);
    await move("BTCUSD", 94_000);
    expect((await order(bob, placed.body.orderId)).status).toBe(
      OrderStatus.Working,
    );
    const restop = await modify<ErrorBody>(bob, placed.body.orderId, {
      stopPrice: 93_000,
    });
    expect(restop.status).toBe(400);
    expect(restop.body).toMatchObject({
      code: "INVALID_ORDER",
      field: "stopPrice",
    });
    expect((await order(bob, placed.body.orderId)).stopPrice).toBe(95_000);
    const relimit = await modify(bob, placed.body.orderId, {
      limitPrice: 95_400,
    });
    expect(relimit.status).toBe(200);
    expect(relimit.body).toMatchObject({
      limitPrice: 95_400,
      stopPrice: 95_000,
    });
    await cancel(bob, placed.body.orderId);
  });
});
