import { OrderStatus, OrderType, ParentType, Side } from "@tradewire/client";
import { afterEach, describe, expect, it } from "vitest";
import {
  settle,
  simulation,
  type Simulation,
} from "../../../test/support/simulation";
import type { BrokerConnection } from "../../model/brokerConnection";
import type { Equity } from "../../model/equity";
import type { Execution } from "../../model/execution";
import type { Order } from "../../model/order";
import type { Position } from "../../model/position";
import type { SimulatedAdapter } from "../../simulation/ws/simulatedAdapter";
import type { BrokerService } from "./BrokerService";

/** Follows every account stream of `broker`, recording what each one delivers. */
function record(broker: BrokerService) {
  const seen = {
    orders: [] as Order[],
    positions: [] as Position[],
    executions: [] as (readonly Execution[])[],
    equity: [] as Equity[],
    connection: [] as BrokerConnection[],
  };
  const stops = [
    broker.orders.subscribe((o) => seen.orders.push(o)),
    broker.positions.subscribe((p) => seen.positions.push(p)),
    broker.executions.subscribe((batch) => seen.executions.push(batch)),
    broker.equity.subscribe((e) => seen.equity.push(e)),
    broker.brokerConnection.subscribe((c) => seen.connection.push(c)),
  ];
  const stop = () => stops.forEach((s) => s());
  return { seen, stop };
}

describe("BrokerService against the simulated broker", () => {
  let sim: Simulation;
  afterEach(() => sim.services.dispose());

  const price = (symbol: string) =>
    (sim.services.adapter as SimulatedAdapter).server.market.price(symbol) ?? 0;

  it("streams the account: connection, equity, and a market order's fill into orders, positions and executions", async () => {
    sim = simulation();
    const { broker } = sim.services;
    const { seen, stop } = record(broker);
    await settle();
    expect(seen.connection.at(-1)).toMatchObject({ status: 1 });
    expect(seen.equity.at(-1)).toMatchObject({
      balance: 100_000,
      equity: 100_000,
      unrealizedPl: 0,
    });
    // The history (none yet) comes first, as one batch.
    expect(seen.executions).toEqual([[]]);

    const outcome = await broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 10,
    });
    expect(outcome).toMatchObject({
      ok: true,
      order: { status: OrderStatus.Filled, filledQty: 10 },
    });
    expect(seen.orders.map((o) => o.status)).toEqual([
      OrderStatus.Working,
      OrderStatus.Filled,
    ]);
    expect(seen.positions.at(-1)).toMatchObject({
      symbol: "AAPL",
      qty: 10,
      side: Side.Buy,
    });
    expect(seen.executions).toHaveLength(2);
    expect(seen.executions[1]).toHaveLength(1);
    expect(seen.executions[1]?.[0]).toMatchObject({
      sequence: 1,
      qty: 10,
      symbol: "AAPL",
    });
    expect(seen.equity.at(-1)?.balance).toBeLessThan(100_000);
    stop();
  });

  it("marks open positions to market as prices move", async () => {
    sim = simulation();
    const { seen } = record(sim.services.broker);
    await settle();
    await sim.services.broker.placeOrder({
      symbol: "BTCUSD",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 1,
    });
    const marks = seen.positions.length;
    sim.clock.advance(30_000);
    expect(seen.positions.length).toBeGreaterThan(marks);
    const last = seen.positions.at(-1);
    expect(last?.unrealizedPl).toBeCloseTo(
      ((last?.lastPrice ?? 0) - (last?.avgPrice ?? 0)) * 1,
      2,
    );
    expect(seen.equity.at(-1)?.unrealizedPl).toBeCloseTo(
      last?.unrealizedPl ?? 0,
      2,
    );
  });

  it("returns the server's field error for a price off the tick grid", async () => {
    sim = simulation();
    const outcome = await sim.services.broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Limit,
      qty: 1,
      limitPrice: 100.005,
    });
    expect(outcome).toMatchObject({
      ok: false,
      error: { status: 400, code: "INVALID_ORDER", field: "limitPrice" },
    });
  });

  it("returns a 422 rejection with the rejected order", async () => {
    sim = simulation();
    const outcome = await sim.services.broker.placeOrder({
      symbol: "MSFT",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 10_000,
    });
    expect(outcome).toMatchObject({
      ok: false,
      error: { status: 422, code: "INSUFFICIENT_BUYING_POWER", field: "qty" },
      order: {
        status: OrderStatus.Rejected,
        rejectReason: expect.stringContaining("buying power") as string,
      },
    });
  });

  it("modifies and cancels a working order, and refuses to cancel it twice", async () => {
    sim = simulation();
    const { broker } = sim.services;
    const placed = await broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Limit,
      qty: 5,
      limitPrice: 100,
    });
    expect(placed).toMatchObject({
      ok: true,
      order: { status: OrderStatus.Working, limitPrice: 100 },
    });
    const id = placed.order?.id ?? "";
    expect(
      await broker.modifyOrder(id, { limitPrice: 101, qty: 7 }),
    ).toMatchObject({
      ok: true,
      order: { limitPrice: 101, qty: 7 },
    });
    expect(await broker.cancelOrder(id)).toMatchObject({
      ok: true,
      order: { status: OrderStatus.Canceled },
    });
    expect(await broker.cancelOrder(id)).toMatchObject({
      ok: false,
      error: { status: 409, code: "ORDER_NOT_MODIFIABLE" },
    });
  });

  it("fills a marketable limit order and activates its stop-loss bracket against the position", async () => {
    sim = simulation();
    const { broker } = sim.services;
    const { seen } = record(broker);
    await settle();
    // A sell limit below the market fills at once; its stop-loss bracket then starts working.
    const last = price("ETHUSD");
    const placed = await broker.placeOrder({
      symbol: "ETHUSD",
      side: Side.Sell,
      type: OrderType.Limit,
      qty: 1,
      limitPrice: Math.round(last * 90) / 100,
      stopLoss: Math.round(last * 120) / 100,
    });
    expect(placed.ok).toBe(true);
    await settle();
    sim.clock.advance(1_000);
    const filled = seen.orders.filter((o) => o.status === OrderStatus.Filled);
    expect(filled.map((o) => o.id)).toEqual([placed.order?.id]);
    const bracket = seen.orders.filter((o) => o.parentId !== undefined).at(-1);
    expect(bracket).toMatchObject({
      type: OrderType.Stop,
      side: Side.Buy,
      status: OrderStatus.Working,
      parentType: ParentType.Position,
    });
  });

  it("closes a position with a market order", async () => {
    sim = simulation();
    const { broker } = sim.services;
    const { seen } = record(broker);
    await settle();
    await broker.placeOrder({
      symbol: "AAPL",
      side: Side.Sell,
      type: OrderType.Market,
      qty: 3,
    });
    const position = seen.positions.at(-1);
    expect(position).toMatchObject({ side: Side.Sell, qty: 3 });
    const closed = await broker.closePosition(position?.id ?? "");
    expect(closed).toMatchObject({
      ok: true,
      order: { side: Side.Buy, qty: 3, status: OrderStatus.Filled },
    });
    expect(seen.positions.at(-1)).toMatchObject({ qty: 0 });
  });

  it("loads past executions over REST and streams only newer ones", async () => {
    sim = simulation();
    const { broker } = sim.services;
    await broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 1,
    });
    await broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 2,
    });
    const { seen } = record(broker);
    await settle();
    await settle();
    expect(seen.executions.map((b) => b.map((x) => x.sequence))).toEqual([
      [2, 1],
    ]);
    await broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 3,
    });
    expect(seen.executions.map((b) => b.map((x) => x.sequence))).toEqual([
      [2, 1],
      [3],
    ]);
  });

  it("stopped before the past executions arrive, it never subscribes the live ones", async () => {
    sim = simulation();
    const { broker } = sim.services;
    const batches: (readonly Execution[])[] = [];
    const stop = broker.executions.subscribe((batch) => batches.push(batch));
    stop();
    await settle();
    await broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 1,
    });
    await settle();
    expect(batches).toEqual([]);
  });
});
