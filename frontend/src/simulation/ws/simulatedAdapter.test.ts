import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { afterEach, describe, expect, it } from "vitest";
import {
  settle,
  simulation,
  T0,
  type Simulation,
} from "../../../test/support/simulation";
import type { Bar } from "../../model/bar";
import type { Order } from "../../model/order";
import type { Quote } from "../../model/quote";

describe("SimulatedAdapter", () => {
  let sim: Simulation;
  afterEach(() => sim.services.dispose());

  it("sends the forming bar on subscribe, then moves it on every tick", async () => {
    sim = simulation();
    const { adapter } = sim.services;
    const bars: Bar[] = [];
    const outcome = await adapter.bars.subscribe(
      "chart",
      { symbol: "AAPL", resolution: "1" },
      (b) => bars.push(b),
    );
    expect(outcome).toEqual({
      ok: true,
      topic: 'bars:{"resolution":"1","symbol":"AAPL"}',
    });
    expect(bars).toHaveLength(1);
    expect(bars[0]?.time).toBe(Math.floor(T0 / 60_000) * 60_000);
    sim.clock.advance(61_000);
    expect(bars.length).toBeGreaterThan(100);
    const times = [...new Set(bars.map((b) => b.time))];
    expect(times).toEqual([T0, T0 + 60_000]);
    for (const b of bars) {
      expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close));
      expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close));
    }
  });

  it("sends one quote per symbol, through the same mapper as the socket", async () => {
    sim = simulation();
    const quotes: Quote[] = [];
    await sim.services.adapter.quotes.subscribe(
      "watchlist",
      { symbols: ["AAPL", "EURUSD"] },
      (q) => quotes.push(q),
    );
    expect(quotes.map((q) => q.symbol)).toEqual(["AAPL", "EURUSD"]);
    const eur = quotes[1];
    expect(eur?.ask).toBeGreaterThan(eur?.bid ?? Infinity);
    expect(eur).toHaveProperty("prevClose");
  });

  it("refuses an unknown symbol with the server's code", async () => {
    sim = simulation();
    const codes: string[] = [];
    const outcome = await sim.services.adapter.bars.subscribe(
      "chart",
      { symbol: "NOPE", resolution: "1" },
      () => undefined,
      (e) => codes.push(e.code),
    );
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: "UNKNOWN_SYMBOL" },
    });
    expect(codes).toEqual(["UNKNOWN_SYMBOL"]);
  });

  it("delivers nothing to a subscriber that left before the answer", async () => {
    sim = simulation();
    const bars: Bar[] = [];
    const pending = sim.services.adapter.bars.subscribe(
      "chart",
      { symbol: "AAPL", resolution: "1" },
      (b) => bars.push(b),
    );
    sim.services.adapter.bars.unsubscribe("chart");
    expect(await pending).toMatchObject({
      ok: false,
      error: { code: "UNSUBSCRIBED" },
    });
    sim.clock.advance(5_000);
    expect(bars).toEqual([]);
  });

  it("streams the simulated broker's orders as state: snapshot first, then changes", async () => {
    sim = simulation();
    const { adapter } = sim.services;
    const { broker } = sim.services;
    await broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Limit,
      qty: 1,
      limitPrice: 1,
    });
    const orders: Order[] = [];
    await adapter.orders.subscribe("blotter", {}, (o) => orders.push(o));
    expect(orders.map((o) => [o.id, o.status])).toEqual([
      ["O1", OrderStatus.Working],
    ]);
    await broker.cancelOrder("O1");
    expect(orders.map((o) => o.status)).toEqual([
      OrderStatus.Working,
      OrderStatus.Canceled,
    ]);
  });

  it("names account topics as the server does: the account in, the cursor out", async () => {
    sim = simulation();
    const { adapter } = sim.services;
    expect(
      await adapter.orders.subscribe("blotter", {}, () => undefined),
    ).toEqual({
      ok: true,
      topic: 'orders:{"accountId":"demo-account"}',
    });
    expect(
      await adapter.executions.subscribe(
        "fills",
        { since: 3 },
        () => undefined,
      ),
    ).toEqual({
      ok: true,
      topic: 'executions:{"accountId":"demo-account"}',
    });
  });

  it("stops every stream on dispose", async () => {
    sim = simulation();
    const bars: Bar[] = [];
    await sim.services.adapter.bars.subscribe(
      "chart",
      { symbol: "AAPL", resolution: "1" },
      (b) => bars.push(b),
    );
    await sim.services.dispose();
    const count = bars.length;
    sim.clock.advance(10_000);
    await settle();
    expect(bars).toHaveLength(count);
  });
});
