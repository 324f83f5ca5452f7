import type { Bar } from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InProcessBus } from "../../src/bus/in-process-bus";
import { loadConfig } from "../../src/config";
import type { BarStreamEvent } from "../../src/contracts/bar-streams";
import type { Database } from "../../src/db/database";
import {
  buildCatalog,
  findSymbol,
  generateBars,
} from "../../src/modules/datafeed/market";
import { ManualClock, WEDNESDAY_10AM_NY } from "../../src/testing";
import { ManualRole } from "../../src/testing/manual-role";
import { testDatabases } from "../support/databases";
import { asBar, storedMinutes, tradesByMinute } from "../support/market-checks";
import {
  NODE_ENV,
  startMarketNode,
  type MarketNode,
} from "../support/market-cluster";
import { TestSocket } from "../support/test-socket";

const MINUTE = 60_000;
const SEED = loadConfig(NODE_ENV).market.seed;

describe.each(testDatabases())("market takeover on $name", (engine) => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY + 20_000);
  let database: Database;
  let leader: MarketNode;
  let follower: MarketNode;
  let bus: InProcessBus;

  /** Lets `ms` of market time pass, one tick a second of every running instance. */
  const run = async (nodes: MarketNode[], ms: number) => {
    for (let passed = 0; passed < ms; passed += 1000) {
      clock.advance(1000);
      for (const node of nodes) await node.service.feed.tick();
    }
  };

  beforeAll(async () => {
    database = await engine.open();
    bus = new InProcessBus((err) => {
      throw err;
    });
    for (const [id, leads] of [
      ["leader", true],
      ["follower", false],
    ] as const) {
      const node = await startMarketNode({
        clock,
        database,
        bus,
        role: new ManualRole(id, leads),
      });
      if (leads) leader = node;
      else follower = node;
    }
  });
  afterAll(async () => {
    await follower.close();
    await database.close();
    await engine.dispose();
  });

  it("stores no gap and no duplicate across the switch, and the follower's sockets go on with no trade twice", async () => {
    const s = await TestSocket.open(follower.wsUrl);
    const bars = 'bars:{"resolution":"1","symbol":"BTCUSD"}';
    await s.subscribe("bars", { symbol: "BTCUSD", resolution: "1" });
    await s.subscribe("quotes", { symbols: ["BTCUSD"] });
    const events: BarStreamEvent[] = [];
    const stream = await follower.service.stream("BTCUSD", "1", 0, (e) =>
      events.push(e),
    );
    const from = Math.ceil(clock.time / MINUTE) * MINUTE;
    await run([leader, follower], 90_000);
    // The leader stops in the middle of a minute; nobody runs the market for 95 s.
    const lastMinuteHeard = Math.floor(clock.time / MINUTE) * MINUTE;
    await leader.close();
    await run([follower], 95_000);
    expect(follower.writes).toEqual([]);
    await s.ping();
    const beforeTakeover = s.frames.length;
    await follower.role.promote();
    expect(follower.service.feed.activeSymbols.length).toBeGreaterThan(20);
    await run([follower], 150_000);
    stream.stop();
    await s.ping();

    // The stored series is the deterministic market's, minute for minute.
    const stored = await storedMinutes(
      database,
      "BTCUSD",
      from - 30 * MINUTE,
      clock.time,
    );
    const entry = findSymbol(buildCatalog(clock.time), "BTCUSD");
    if (!entry) throw new Error("no BTCUSD in the catalog");
    const [first, ...rest] = stored;
    if (!first) throw new Error("nothing stored");
    expect(rest).toEqual(
      generateBars(
        entry,
        SEED,
        first.time + MINUTE,
        Math.floor(clock.time / MINUTE) * MINUTE,
        first.close,
      ),
    );
    expect(stored.at(-1)?.time).toBe(
      Math.floor(clock.time / MINUTE) * MINUTE - MINUTE,
    );

    // Listeners got every closed minute once, and each minute's trades once and whole: the
    // minute the leader stopped in was finished by the new leader after what was delivered.
    const live = stored.filter((bar) => bar.time >= from);
    expect(
      events
        .flatMap((e) => e.closed)
        .filter((b) => b.time >= from)
        .map(asBar),
    ).toEqual(live.map(asBar));
    const counts = tradesByMinute(events);
    expect(counts.get(lastMinuteHeard)).toBeGreaterThan(0);
    expect(counts.get(lastMinuteHeard)).toBe(
      live.find((bar) => bar.time === lastMinuteHeard)?.trades,
    );
    const missed = live.filter((bar) => !counts.has(bar.time));
    expect(missed.length).toBeGreaterThanOrEqual(1);
    for (const bar of live) {
      const count = counts.get(bar.time);
      if (count !== undefined) expect(count).toBe(bar.trades);
    }

    // The socket went on after the switch, never showing more volume than a minute had.
    const after = s.frames.slice(beforeTakeover);
    expect(
      after.filter((f) => f.type === "quotes.update").length,
    ).toBeGreaterThan(10);
    const updates = s.frames
      .filter((f) => f.type === "bars.update" && f.payload.topic === bars)
      .map((f) => f.payload.payload as Bar);
    expect(updates.length).toBeGreaterThan(100);
    for (const bar of updates) {
      const minute = stored.find((m) => m.time === bar.time);
      if (minute) expect(bar.volume).toBeLessThanOrEqual(minute.volume + 1e-9);
    }
    expect(follower.writes).toContain("insert bars_1m");
    s.close();
  });

  it("hands the market over within a minute: the new leader goes on after the trades delivered, the old one follows it", async () => {
    const next = await startMarketNode({
      clock,
      database,
      bus,
      role: new ManualRole("next", false),
    });
    const streams = [follower, next].map((node) => {
      const events: BarStreamEvent[] = [];
      return {
        events,
        stream: node.service.stream("ETHUSD", "1", 0, (e) => events.push(e)),
      };
    });
    const from = Math.ceil(clock.time / MINUTE) * MINUTE;
    await run([follower, next], 80_000);
    const handover = Math.floor(clock.time / MINUTE) * MINUTE;
    const writes = follower.writes.length;
    await follower.role.demote();
    await next.role.promote();
    await run([next, follower], 100_000);
    for (const { stream } of streams) (await stream).stop();
    expect(follower.writes.length).toBe(writes);

    const stored = await storedMinutes(database, "ETHUSD", from, clock.time);
    expect(stored.length).toBe(Math.floor((clock.time - from) / MINUTE));
    for (const { events } of streams) {
      expect(
        events
          .flatMap((e) => e.closed)
          .filter((b) => b.time >= from)
          .map(asBar),
      ).toEqual(stored.map(asBar));
      const counts = tradesByMinute(events);
      expect(counts.get(handover)).toBeGreaterThan(0);
      for (const bar of stored) expect(counts.get(bar.time)).toBe(bar.trades);
    }
    await next.close();
  });
});
