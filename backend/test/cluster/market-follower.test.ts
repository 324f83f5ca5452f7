import type { Bar, QuoteData } from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { BarStreamEvent } from "../../src/contracts/bar-streams";
import { InProcessBus } from "../../src/bus/in-process-bus";
import type { Database } from "../../src/db/database";
import { ManualClock, WEDNESDAY_10AM_NY } from "../../src/testing";
import { ManualRole } from "../../src/testing/manual-role";
import { memoryDatabase } from "../support/databases";
import { startMarketNode, type MarketNode } from "../support/market-cluster";
import { parseSamples, scrape, valueOf } from "../support/metrics-text";
import { specFetch } from "../support/openapi-conformance";
import { TestSocket } from "../support/test-socket";
import { asBar, storedMinutes, tradesByMinute } from "../support/market-checks";

const MINUTE = 60_000;

describe("a follower's market is the leader's, heard on the bus", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY + 20_000);
  let database: Database;
  let leader: MarketNode;
  let follower: MarketNode;
  const sockets: TestSocket[] = [];

  const open = async (node: MarketNode) => {
    const s = await TestSocket.open(node.wsUrl);
    sockets.push(s);
    return s;
  };
  /** Lets `ms` of market time pass: the leader ticks, the follower applies what it heard. */
  const run = async (ms: number, step = 1000) => {
    for (let passed = 0; passed < ms; passed += step) {
      clock.advance(step);
      await leader.service.feed.tick();
      await follower.service.feed.tick();
    }
  };
  const updates = <T>(s: TestSocket, type: string, topic: string): T[] =>
    s.frames
      .filter((f) => f.type === type && f.payload.topic === topic)
      .map((f) => f.payload.payload as T);

  beforeAll(async () => {
    database = await memoryDatabase();
    const bus = new InProcessBus((err) => {
      throw err;
    });
    leader = await startMarketNode({
      clock,
      database,
      bus,
      role: new ManualRole("leader", true),
    });
    follower = await startMarketNode({
      clock,
      database,
      bus,
      role: new ManualRole("follower", false),
    });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    await follower.close();
    await leader.close();
    await database.close();
  });

  it("sends a follower's sockets the same quotes and bars as the leader's, and the follower writes nothing", async () => {
    const [a, b] = [await open(leader), await open(follower)];
    const bars = 'bars:{"resolution":"1","symbol":"BTCUSD"}';
    const bars5 = 'bars:{"resolution":"5","symbol":"ETHUSD"}';
    const quotes = 'quotes:{"symbols":["BTCUSD","EURUSD"]}';
    for (const s of [a, b]) {
      await s.subscribe("bars", { symbol: "BTCUSD", resolution: "1" });
      await s.subscribe("bars", { symbol: "ETHUSD", resolution: "5" });
      await s.subscribe("quotes", { symbols: ["BTCUSD", "EURUSD"] });
    }
    // The follower only follows what its sockets need; the leader runs every symbol.
    expect(follower.service.feed.activeSymbols.sort()).toEqual([
      "BTCUSD",
      "ETHUSD",
      "EURUSD",
    ]);
    expect(leader.service.feed.activeSymbols.length).toBeGreaterThan(20);
    await run(3000);
    await Promise.all([a.ping(), b.ping()]);
    a.frames.length = 0;
    b.frames.length = 0;
    await run(150_000);
    await Promise.all([a.ping(), b.ping()]);
    for (const topic of [bars, bars5]) {
      const sent = updates<Bar>(a, "bars.update", topic);
      expect(sent.length).toBeGreaterThan(10);
      expect(updates(b, "bars.update", topic)).toEqual(sent);
    }
    // Symbols are applied independently: compare each symbol's quotes in order.
    for (const symbol of ["BTCUSD", "EURUSD"]) {
      const of = (s: TestSocket) =>
        updates<QuoteData>(s, "quotes.update", quotes).filter(
          (q) => q.n === symbol,
        );
      expect(of(a).length).toBeGreaterThan(10);
      expect(of(b)).toEqual(of(a));
    }
    expect(follower.writes).toEqual([]);
    expect(leader.writes).toContain("insert bars_1m");
    const metrics = parseSamples(await scrape(follower.httpUrl));
    expect(
      valueOf(metrics, "tradewire_cluster_market_events_received_total"),
    ).toBeGreaterThan(100);
    expect(
      valueOf(metrics, "tradewire_cluster_market_lag_seconds_count"),
    ).toBeGreaterThan(100);
    expect(
      valueOf(
        parseSamples(await scrape(leader.httpUrl)),
        "tradewire_cluster_market_events_published_total",
      ),
    ).toBeGreaterThan(100);
  });

  it("follows a continuous series on a follower through its contract's events, writing nothing", async () => {
    const [a, b] = [await open(leader), await open(follower)];
    const topic = 'quotes:{"symbols":["ES1!"]}';
    const bars = 'bars:{"resolution":"1","symbol":"ES1!"}';
    for (const s of [a, b]) {
      await s.subscribe("quotes", { symbols: ["ES1!"] });
      await s.subscribe("bars", { symbol: "ES1!", resolution: "1" });
    }
    // The follower follows the contract in force (ESZ6 in November) for the series.
    expect(follower.service.feed.activeSymbols.sort()).toEqual([
      "ES1!",
      "ESZ6",
    ]);
    await run(3000);
    await Promise.all([a.ping(), b.ping()]);
    a.frames.length = 0;
    b.frames.length = 0;
    await run(90_000);
    await Promise.all([a.ping(), b.ping()]);
    const quotes = updates<QuoteData>(a, "quotes.update", topic);
    expect(quotes.length).toBeGreaterThan(10);
    expect(quotes.every((q) => q.n === "ES1!")).toBe(true);
    expect(quotes.at(-1)?.v.original_name).toBe("CME:ESZ6");
    expect(updates(b, "quotes.update", topic)).toEqual(quotes);
    const sent = updates<Bar>(a, "bars.update", bars);
    expect(sent.length).toBeGreaterThan(10);
    expect(updates(b, "bars.update", bars)).toEqual(sent);
    expect(follower.writes).toEqual([]);
  });

  it("keeps the BarStreams contract on a follower: history and closed bars equal /bars, no gap, no repeat", async () => {
    const events: BarStreamEvent[] = [];
    const stream = await follower.service.stream("BTCUSD", "5", 40, (e) =>
      events.push(e),
    );
    expect(stream.history).toHaveLength(40);
    await run(16 * MINUTE, 5000);
    stream.stop();
    const all = [...stream.history, ...events.flatMap((e) => e.closed)];
    expect(all.length).toBeGreaterThanOrEqual(43);
    for (let i = 1; i < all.length; i++)
      expect((all[i] as Bar).time - (all[i - 1] as Bar).time).toBe(5 * MINUTE);
    const first = all[0] as Bar;
    const last = all[all.length - 1] as Bar;
    const res = await specFetch(
      `${follower.httpUrl}/api/v1/datafeed/bars?symbol=BTCUSD&resolution=5&from=${first.time / 1000}&to=${(last.time + 5 * MINUTE) / 1000}`,
    );
    expect((JSON.parse(res.text) as { bars: Bar[] }).bars).toEqual(all);
    expect(events.at(-1)?.forming?.time).toBe(last.time + 5 * MINUTE);
    expect(follower.writes).toEqual([]);
  });

  it("repairs a cut-off bus from the database and the deterministic market: no trade twice, none lost", async () => {
    const [a, b] = [await open(leader), await open(follower)];
    const quotes = 'quotes:{"symbols":["SOLUSD"]}';
    for (const s of [a, b])
      await s.subscribe("quotes", { symbols: ["SOLUSD"] });
    const events: BarStreamEvent[] = [];
    const stream = await follower.service.stream("SOLUSD", "1", 0, (e) =>
      events.push(e),
    );
    const from = Math.ceil(clock.time / MINUTE) * MINUTE;
    await run(20_000);
    follower.bus.setConnected(false);
    // Long enough to miss at least one whole minute, wherever in a minute it starts.
    await run(130_000);
    follower.bus.setConnected(true);
    await run(40_000);
    stream.stop();
    await Promise.all([a.ping(), b.ping()]);
    expect(updates(b, "quotes.update", quotes).at(-1)).toEqual(
      updates(a, "quotes.update", quotes).at(-1),
    );
    const closed = events.flatMap((e) => e.closed);
    const stored = await storedMinutes(database, "SOLUSD", from, clock.time);
    expect(closed.filter((bar) => bar.time >= from).map(asBar)).toEqual(
      stored.map(asBar),
    );
    // Each minute's trades were delivered once and whole (the first half-minute aside), or, for
    // minutes missed while cut off, not at all: their closed bar stands for them.
    const counts = tradesByMinute(events);
    const missed = stored.filter((bar) => !counts.has(bar.time));
    expect(missed.length).toBeGreaterThanOrEqual(1);
    for (const bar of stored) {
      const count = counts.get(bar.time);
      if (count !== undefined) expect(count).toBe(bar.trades);
    }
    expect(
      valueOf(
        parseSamples(await scrape(follower.httpUrl)),
        "tradewire_cluster_market_repairs_total",
      ),
    ).toBeGreaterThanOrEqual(1);
  });
});
