import {
  ConnectionStatus,
  OrderStatus,
  OrderType,
  Side,
  type BrokerConnection,
  type Equity,
  type Execution,
  type Order,
  type Position,
} from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { brokerCalls } from "../support/broker-calls";
import { takeViolations } from "../support/conformance";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { TestSocket, until } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

describe("account channels over a real socket", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY + 3_000);
  let t: TradingApp;
  let alice: string;
  let bob: string;
  const { place, modify, cancel } = brokerCalls(() => t);
  const sockets: TestSocket[] = [];
  const open = async (token?: string) => {
    const s = await TestSocket.open(t.wsUrl, token ? { token } : {});
    sockets.push(s);
    return s;
  };
  const updates = <T>(s: TestSocket, route: string) =>
    s.frames
      .filter((f) => f.type === `${route}.update`)
      .map((f) => f.payload.payload as T);

  beforeAll(async () => {
    t = await startTradingApp({ clock });
    alice = await t.login("alice");
    bob = await t.login("bob");
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
    expect(takeViolations()).toEqual([]);
  });
  afterAll(() => t.close());

  it("sends the orders snapshot on subscribe and the new state after every place, modify and cancel", async () => {
    const existing = await place(alice, {
      symbol: "MSFT",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 1,
      limitPrice: 11,
    });
    const s = await open(alice);
    expect((await s.subscribe("orders", {})).payload).toEqual({
      status: "ok",
      topic: 'orders:{"accountId":"acc-alice-main"}',
    });
    const snapshot = (await s.nextOfType("orders.update")).payload
      .payload as Order;
    expect(snapshot.id).toBe(existing.body.orderId);

    const placed = await place(alice, {
      symbol: "MSFT",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 2,
      limitPrice: 12,
    });
    await modify(alice, placed.body.orderId, { limitPrice: 13 });
    await cancel(alice, placed.body.orderId);
    await until(
      () =>
        updates<Order>(s, "orders").filter((o) => o.id === placed.body.orderId)
          .length === 3,
    );
    expect(
      updates<Order>(s, "orders")
        .filter((o) => o.id === placed.body.orderId)
        .map((o) => [o.status, o.limitPrice]),
    ).toEqual([
      [OrderStatus.Working, 12],
      [OrderStatus.Working, 13],
      [OrderStatus.Canceled, 13],
    ]);
  });

  it("streams a fill as order, execution, position and equity updates to the account only", async () => {
    const s = await open(alice);
    const other = await open(bob);
    for (const route of ["orders", "positions", "executions", "equity"]) {
      await s.subscribe(route, {});
      await other.subscribe(route, {});
    }
    const equity = (await s.nextOfType("equity.update")).payload
      .payload as Equity;
    expect(equity).toMatchObject({
      accountId: "acc-alice-main",
      currency: "USD",
    });
    s.frames.length = 0;
    other.frames.length = 0;
    const res = await place(alice, {
      symbol: "NVDA",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 10,
    });
    await until(
      () =>
        updates(s, "executions").length === 1 &&
        updates(s, "positions").length >= 1 &&
        updates(s, "equity").length >= 1,
    );
    expect(updates<Order>(s, "orders").at(-1)).toMatchObject({
      id: res.body.orderId,
      status: OrderStatus.Filled,
    });
    expect(updates<Execution>(s, "executions")[0]).toMatchObject({
      orderId: res.body.orderId,
      qty: 10,
      side: Side.Buy,
    });
    expect(updates<Position>(s, "positions").at(-1)).toMatchObject({
      symbol: "NVDA",
      qty: 10,
    });
    await other.ping();
    expect(other.frames.filter((f) => f.type.endsWith(".update"))).toEqual([]);
  });

  it("replays executions missed while disconnected from the since cursor, with nothing lost or repeated", async () => {
    const first = await open(bob);
    await first.subscribe("executions", {});
    await place(bob, {
      symbol: "AMZN",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 3,
    });
    const seen = (await first.nextOfType("executions.update")).payload
      .payload as Execution;
    first.close();
    await first.closed;
    for (const qty of [1, 2])
      await place(bob, {
        symbol: "AMZN",
        type: OrderType.Market,
        side: Side.Sell,
        qty,
      });
    const again = await open(bob);
    again.send({
      type: "executions.subscribe",
      id: 1,
      payload: { since: seen.sequence },
    });
    await again.nextOfType("executions.subscribe.response");
    await place(bob, {
      symbol: "AMZN",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 4,
    });
    await until(() => updates(again, "executions").length === 3);
    await again.ping();
    expect(
      updates<Execution>(again, "executions").map((e) => [e.sequence, e.qty]),
    ).toEqual([
      [seen.sequence + 1, 1],
      [seen.sequence + 2, 2],
      [seen.sequence + 3, 4],
    ]);
  });

  it("moves positions' P&L and equity with the market, at most 1 and 2 updates a second", async () => {
    const s = await open(bob);
    await place(bob, {
      symbol: "BTCUSD",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 0.1,
    });
    await s.subscribe("positions", {});
    await s.subscribe("equity", {});
    s.frames.length = 0;
    // A market that prints every 50 ms of real time for 3 s: far more quotes than the limits let through.
    const started = Date.now();
    while (Date.now() - started < 3000) {
      await t.run(1000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const elapsed = (Date.now() - started) / 1000;
    const btc = updates<Position>(s, "positions").filter(
      (p) => p.symbol === "BTCUSD",
    );
    const equity = updates<Equity>(s, "equity");
    expect(btc.length).toBeGreaterThanOrEqual(2);
    expect(btc.length).toBeLessThanOrEqual(Math.ceil(elapsed) + 1);
    expect(equity.length).toBeGreaterThanOrEqual(3);
    expect(equity.length).toBeLessThanOrEqual(Math.ceil(elapsed * 2) + 1);
    expect(new Set(btc.map((p) => p.unrealizedPl)).size).toBeGreaterThan(1);
    const last = equity.at(-1) as Equity;
    expect(last.equity).toBeCloseTo(last.balance + last.unrealizedPl, 2);
  });

  it("sends the broker connection state, and refuses account channels without a token", async () => {
    const s = await open(alice);
    await s.subscribe("broker-connection", {});
    expect(
      (
        (await s.nextOfType("broker-connection.update")).payload
          .payload as BrokerConnection
      ).status,
    ).toBe(ConnectionStatus.Connected);
    const anonymous = await open();
    for (const route of [
      "orders",
      "positions",
      "executions",
      "equity",
      "broker-connection",
    ]) {
      expect((await anonymous.subscribe(route, {})).payload).toMatchObject({
        status: "error",
        code: "UNAUTHORIZED",
      });
    }
  });
});
