import { DAY_S, HOUR_S } from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ManualClock,
  startDatafeedApp,
  WEDNESDAY_10AM_NY,
  type DatafeedApp,
} from "../support/datafeed-app";
import { memoryDatabase } from "../support/databases";
import { parseSamples, scrape, valueOf } from "../support/metrics-text";

const NOW_S = WEDNESDAY_10AM_NY / 1000;
/** Closed days: from four days ago to two days ago. */
const OLD = `symbol=BTCUSD&resolution=1&from=${NOW_S - 4 * DAY_S}&to=${NOW_S - 2 * DAY_S}`;

interface CacheFigures {
  hits: number;
  misses: number;
  bytes: number;
  blocks: number;
  evictions: number;
  blockReads: number;
  blockRows: number;
  rangeReads: number;
}

async function figures(app: DatafeedApp): Promise<CacheFigures> {
  const samples = parseSamples(await scrape(app.httpUrl));
  const value = (name: string, labels: Record<string, string> = {}) =>
    valueOf(samples, `tradewire_history_${name}`, labels);
  return {
    hits: value("cache_hits_total"),
    misses: value("cache_misses_total"),
    bytes: value("cache_bytes"),
    blocks: value("cache_blocks"),
    evictions: value("cache_evictions_total"),
    blockReads: value("db_reads_total", { query: "block" }),
    blockRows: value("db_rows_total", { query: "block" }),
    rangeReads: value("db_reads_total", { query: "range" }),
  };
}

describe("the history block cache in /metrics", () => {
  let cached: DatafeedApp;
  let uncached: DatafeedApp;
  let small: DatafeedApp;
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  beforeAll(async () => {
    const database = await memoryDatabase();
    // No in-memory tail: every read is for the block cache or the database.
    const env = { BACKFILL_DAYS: "5", HISTORY_CACHE_MINUTES: "0" };
    cached = await startDatafeedApp({
      clock,
      database,
      env: { ...env, HISTORY_BLOCK_CACHE_MB: "16" },
    });
    // A second instance on the same database with the cache off, its clock never moving (it
    // never stores a minute, so the two never race to store the same one).
    uncached = await startDatafeedApp({
      clock: new ManualClock(WEDNESDAY_10AM_NY),
      database,
      env: { ...env, HISTORY_BLOCK_CACHE_MB: "0" },
    });
    small = await startDatafeedApp({
      clock: new ManualClock(WEDNESDAY_10AM_NY),
      database,
      env: { ...env, HISTORY_BLOCK_CACHE_MB: "1" },
    });
  }, 90_000);
  afterAll(async () => {
    await cached.close();
    await uncached.close();
    await small.close();
  });

  it("counts a first read of closed days as misses and one database read, the same read again as hits and none", async () => {
    const start = await figures(cached);
    const first = await cached.get(`/api/v1/datafeed/history?${OLD}`);
    expect(first.status).toBe(200);
    expect((first.body as { t: number[] }).t).toHaveLength(2 * 1440);
    const afterFirst = await figures(cached);
    // Days -4, -3 and -2 (the range starts and ends at 15:00 UTC), read in one query.
    expect(afterFirst.misses - start.misses).toBe(3);
    expect(afterFirst.hits).toBe(start.hits);
    expect(afterFirst.blockReads - start.blockReads).toBe(1);
    expect(afterFirst.blockRows - start.blockRows).toBe(3 * 1440);
    expect(afterFirst.blocks).toBe(start.blocks + 3);
    expect(afterFirst.bytes).toBeGreaterThanOrEqual(
      start.bytes + 3 * 1440 * 64,
    );

    const again = await cached.get(`/api/v1/datafeed/history?${OLD}`);
    expect(again.body).toEqual(first.body);
    // A countback walk and hourly bars over the same days are served by the same blocks.
    const hourly = await cached.get(
      `/api/v1/datafeed/history?symbol=BTCUSD&resolution=60&from=0&to=${NOW_S - 2 * DAY_S}&countback=40`,
    );
    expect((hourly.body as { t: number[] }).t).toHaveLength(40);
    const afterAgain = await figures(cached);
    expect(afterAgain.misses).toBe(afterFirst.misses);
    expect(afterAgain.hits - afterFirst.hits).toBeGreaterThanOrEqual(3 + 2);
    expect(afterAgain.blockReads).toBe(afterFirst.blockReads);
    expect(afterAgain.evictions).toBe(0);
    expect(
      (
        await uncached.get(
          `/api/v1/datafeed/history?symbol=BTCUSD&resolution=60&from=0&to=${NOW_S - 2 * DAY_S}&countback=40`,
        )
      ).body,
    ).toEqual(hourly.body);
  });

  it("with HISTORY_BLOCK_CACHE_MB=0 gives the same answers, every time from the database, and counts no block", async () => {
    const start = await figures(uncached);
    const first = await cached.get(`/api/v1/datafeed/history?${OLD}`);
    for (let i = 1; i <= 2; i++) {
      const res = await uncached.get(`/api/v1/datafeed/history?${OLD}`);
      expect(res.body).toEqual(first.body);
      expect((await figures(uncached)).rangeReads - start.rangeReads).toBe(i);
    }
    expect(await figures(uncached)).toMatchObject({
      hits: 0,
      misses: 0,
      bytes: 0,
      blocks: 0,
      blockReads: 0,
    });
  });

  it("keeps within HISTORY_BLOCK_CACHE_MB, dropping the least recently used days, and counts them", async () => {
    // Four 24/7 symbols, four closed days each: 16 days of 92 KB, past a 1 MB budget.
    const symbols = ["BTCUSD", "ETHUSD", "SOLUSD", "EURUSD"];
    const range = `resolution=1&from=${NOW_S - 4 * DAY_S}&to=${NOW_S - DAY_S}`;
    for (const symbol of symbols) {
      const path = `/api/v1/datafeed/history?symbol=${symbol}&${range}`;
      expect((await small.get(path)).body).toEqual(
        (await uncached.get(path)).body,
      );
    }
    const after = await figures(small);
    expect(after.misses).toBe(16);
    expect(after.evictions).toBeGreaterThan(0);
    expect(after.blocks).toBe(16 - after.evictions);
    expect(after.bytes).toBeLessThanOrEqual(1024 * 1024);
    // BTCUSD's days went first: reading them again misses, the newest symbol's still hit.
    await small.get(`/api/v1/datafeed/history?symbol=EURUSD&${range}`);
    expect((await figures(small)).hits).toBe(4);
    await small.get(`/api/v1/datafeed/history?symbol=BTCUSD&${range}`);
    expect((await figures(small)).misses).toBeGreaterThan(16);
  });

  it("reads today's minutes, up to the last closed one, from the database every time, never from a block", async () => {
    const today = `/api/v1/datafeed/history?symbol=BTCUSD&resolution=1&from=${NOW_S - 15 * HOUR_S}&to=${NOW_S + HOUR_S}`;
    const start = await figures(cached);
    const first = (await cached.get(today)).body as { t: number[] };
    expect(first.t.at(-1)).toBe(NOW_S - 60);
    const afterFirst = await figures(cached);
    expect(afterFirst.rangeReads - start.rangeReads).toBe(1);
    // Two more minutes close; the third is forming and in no answer.
    clock.advance(2 * 60_000 + 30_000);
    const second = (await cached.get(today)).body as { t: number[] };
    expect(second.t.slice(0, first.t.length)).toEqual(first.t);
    expect(second.t.slice(first.t.length)).toEqual([NOW_S, NOW_S + 60]);
    const after = await figures(cached);
    expect(after.rangeReads - start.rangeReads).toBe(2);
    expect([after.hits, after.misses, after.blocks]).toEqual([
      start.hits,
      start.misses,
      start.blocks,
    ]);
  });
});
