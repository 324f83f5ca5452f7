import { afterEach, describe, expect, it } from "vitest";
import {
  settle,
  simulation,
  T0,
  type Simulation,
} from "../../../test/support/simulation";
import { ChartFeed, type ChartEvent } from "./chartFeed";

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await settle(1);
  if (!condition()) throw new Error("condition never held");
}

describe("ChartFeed", () => {
  let sim: Simulation;
  let feed: ChartFeed;
  afterEach(async () => {
    feed.stop();
    await sim.services.dispose();
  });

  const start = (pageSize = 100) => {
    sim = simulation();
    feed = new ChartFeed(sim.services.datafeed, {
      pageSize,
      now: () => sim.clock.now(),
    });
    const events: ChartEvent[] = [];
    feed.on((e) => events.push(e));
    return events;
  };

  it("loads a page of history with the symbol's spec, then follows the live bar", async () => {
    const events = start();
    await feed.load("EURUSD", "1");
    const reset = events.find((e) => e.kind === "reset");
    expect(reset).toMatchObject({
      kind: "reset",
      spec: { ticker: "EURUSD", pricePrecision: 5, tickSize: 0.00001 },
    });
    expect(feed.series).toHaveLength(100);
    expect(feed.lastBar?.time).toBe(T0);
    await settle();
    sim.clock.advance(60_000);
    expect(events.some((e) => e.kind === "update")).toBe(true);
    expect(feed.lastBar?.time).toBe(T0 + 60_000);
    expect(feed.series).toHaveLength(101);
  });

  it("prepends older pages as the user scrolls left, until history runs out", async () => {
    // About 57 weeks of simulated history: pages of 20, 20 and the rest.
    const events = start(20);
    await feed.load("AAPL", "1W");
    const first = feed.series[0]?.time ?? 0;
    expect(await feed.loadOlder()).toBe(true);
    expect(events.at(-1)?.kind).toBe("prepend");
    expect(feed.series[0]?.time).toBeLessThan(first);
    const times = feed.series.map((b) => b.time);
    expect(new Set(times).size).toBe(times.length);
    expect(await feed.loadOlder()).toBe(true);
    expect(feed.reachedStart).toBe(true);
    expect(feed.series.length).toBeGreaterThan(40);
    expect(feed.series.length).toBeLessThan(60);
    expect(await feed.loadOlder()).toBe(false);
  });

  it("lets a newer load supersede one still in flight", async () => {
    const events = start();
    const slow = feed.load("AAPL", "1");
    const fast = feed.load("MSFT", "5");
    await Promise.all([slow, fast]);
    const resets = events.filter((e) => e.kind === "reset");
    expect(resets).toHaveLength(1);
    expect(resets[0]).toMatchObject({ spec: { ticker: "MSFT" } });
    await until(() => events.some((e) => e.kind === "update"));
  });

  it("reports an unknown symbol as an error", async () => {
    const events = start();
    await feed.load("NOPE", "1");
    expect(events.at(-1)).toMatchObject({ kind: "error" });
  });
});
