import { afterEach, describe, expect, it } from "vitest";
import {
  settle,
  simulation,
  type Simulation,
} from "../../../test/support/simulation";
import { ChartFeed } from "./chartFeed";
import type { CompareEvent } from "./compareFeed";
import { CompareFeed } from "./compareFeed";

const WEEK = 7 * 86_400_000;

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i += 1) await settle(1);
  if (!condition()) throw new Error("condition never held");
}

describe("CompareFeed over the simulated datafeed", () => {
  let sim: Simulation;
  let main: ChartFeed;
  let compare: CompareFeed | undefined;
  afterEach(async () => {
    compare?.stop();
    main.stop();
    await sim.services.dispose();
  });

  const chart = async (symbol: string, resolution: string) => {
    sim = simulation();
    main = new ChartFeed(sim.services.datafeed, {
      pageSize: 50,
      now: () => sim.clock.now(),
    });
    await main.load(symbol, resolution);
  };

  it("another symbol: its /bars closes on the main bars' times, then its live bars", async () => {
    await chart("BTCUSD", "1");
    const events: CompareEvent[] = [];
    compare = new CompareFeed(
      sim.services.datafeed,
      main,
      { kind: "symbol", symbol: "ETHUSD" },
      "BTCUSD",
      "1",
      "none",
      () => sim.clock.now(),
    );
    compare.on((e) => events.push(e));
    await until(() => events.some((e) => e.kind === "reset"));
    const eth = await sim.services.datafeed.bars({
      symbol: "ETHUSD",
      resolution: "1",
      from: main.series[0]!.time / 1000,
      to: sim.clock.now() / 1000 + 1,
    });
    const closes = new Map(eth.map((b) => [b.time, b.close]));
    // Both trade around the clock: a point on every main bar, with ETHUSD's close there.
    expect(compare.series.map((p) => p.time)).toEqual(
      main.series.map((b) => b.time),
    );
    for (const p of compare.series) expect(p.value).toBe(closes.get(p.time));

    // A new minute: the main and the compared bar both open, and the line follows.
    const before = compare.series.length;
    await settle();
    sim.clock.advance(60_000);
    await until(() => compare!.series.length === before + 1);
    const newest = compare.series.at(-1)!;
    expect(newest.time).toBe(main.lastBar?.time);
    expect(events.at(-1)).toEqual({ kind: "update", point: newest });
  });

  it("the same symbol a week back: the close of t − 1 week drawn at t", async () => {
    await chart("BTCUSD", "60");
    compare = new CompareFeed(
      sim.services.datafeed,
      main,
      { kind: "shift", period: "1W" },
      "BTCUSD",
      "60",
      "none",
      () => sim.clock.now(),
    );
    await until(() => (compare?.series.length ?? 0) > 0);
    const first = main.series[0]!.time;
    const weekAgo = await sim.services.datafeed.bars({
      symbol: "BTCUSD",
      resolution: "60",
      from: (first - WEEK) / 1000,
      to: sim.clock.now() / 1000,
    });
    const closes = new Map(weekAgo.map((b) => [b.time + WEEK, b.close]));
    expect(compare.series).toHaveLength(main.series.length);
    for (const p of compare.series) expect(p.value).toBe(closes.get(p.time));
    expect(compare.series[0]?.value).not.toBe(main.series[0]?.close);
  });

  it("an unknown symbol is an error, not an empty line", async () => {
    await chart("BTCUSD", "5");
    const events: CompareEvent[] = [];
    compare = new CompareFeed(
      sim.services.datafeed,
      main,
      { kind: "symbol", symbol: "NOPE" },
      "BTCUSD",
      "5",
    );
    compare.on((e) => events.push(e));
    await until(() => events.some((e) => e.kind === "error"));
    expect(events.find((e) => e.kind === "error")).toEqual({
      kind: "error",
      message: 'unknown symbol "NOPE"',
    });
  });
});
