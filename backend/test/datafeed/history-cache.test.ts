import { DAY_MS, MINUTE_MS } from "@tradewire/client";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database";
import { BarHistory } from "../../src/modules/datafeed/bar-history";
import {
  buildCatalog,
  findSymbol,
  type CatalogEntry,
} from "../../src/modules/datafeed/market";
import { BarStore } from "../../src/modules/datafeed/store/bar-store";
import { ClosedBlockCache } from "../../src/modules/datafeed/store/closed-block-cache";
import type {
  HistoryDbQuery,
  HistoryDbReads,
} from "../../src/modules/datafeed/store/closed-history";
import { testDatabases } from "../support/databases";
import { WEDNESDAY_10AM_NY } from "../support/datafeed-app";

const SEED = 20_261_126;
/** Mid-minute on a Wednesday: every kind of session trades, and today is a day still being stored. */
const NOW = WEDNESDAY_10AM_NY + 25 * MINUTE_MS + 17_000;
const NOW_MINUTE = Math.floor(NOW / MINUTE_MS) * MINUTE_MS;
const TODAY = Math.floor(NOW / DAY_MS) * DAY_MS;
const START = TODAY - 10 * DAY_MS;
/** 24/7, a stock (nights and a weekend without bars) and FX (sessions starting the evening before). */
const SYMBOLS = ["BTCUSD", "AAPL", "EURUSD"] as const;
const catalog = buildCatalog(NOW);

function entry(ticker: string): CatalogEntry {
  const found = findSymbol(catalog, ticker);
  if (!found) throw new Error(`${ticker} missing from the catalog`);
  return found;
}

/** Database reads a history issued, by query. */
function recorder() {
  const reads = new Map<HistoryDbQuery, number>();
  const counter: HistoryDbReads = {
    read: (query) => reads.set(query, (reads.get(query) ?? 0) + 1),
  };
  return { reads, counter };
}

function blockEvents() {
  const seen = { hits: 0, misses: 0, evictions: 0 };
  return {
    seen,
    events: {
      hit: (n: number) => (seen.hits += n),
      miss: (n: number) => (seen.misses += n),
      evicted: (n: number) => (seen.evictions += n),
    },
  };
}

describe.each(testDatabases())("the history block cache on $name", (engine) => {
  let database: Database;
  let store: BarStore;

  /** A history over the shared database, as the app builds one. */
  async function reader(
    options: { tailMinutes?: number; budgetBytes?: number } = {},
  ) {
    const { seen, events } = blockEvents();
    const { reads, counter } = recorder();
    const cache = new ClosedBlockCache(options.budgetBytes ?? 0, events);
    const history = new BarHistory(
      store,
      SEED,
      options.tailMinutes ?? 0,
      undefined,
      { blockCache: cache, dbReads: counter },
    );
    await history.load(catalog, START);
    return { history, cache, seen, reads };
  }

  beforeAll(async () => {
    database = await engine.open();
    store = new BarStore(database);
    const writer = new BarHistory(store, SEED);
    await writer.load(catalog, START);
    for (const ticker of SYMBOLS)
      await writer.catchUp(entry(ticker), NOW_MINUTE);
  }, 120_000);
  afterAll(async () => {
    await database.close();
    await engine.dispose();
  });

  it("answers random ranges, countbacks and newest-before reads exactly as the database and an uncached history do", async () => {
    const uncached = await reader({ tailMinutes: 0 });
    const histories = [
      await reader({ budgetBytes: 64 << 20 }),
      await reader({ budgetBytes: 64 << 20, tailMinutes: 3 * 1440 }),
      // Room for three days: reads keep evicting what they need next.
      await reader({ budgetBytes: 3 * 1440 * 64 + 600 }),
    ];
    const minute = fc.integer({ min: -2 * 1440, max: 12 * 1440 });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...SYMBOLS),
        fc.oneof(
          fc.record({
            op: fc.constant("range" as const),
            at: minute,
            length: fc.integer({ min: 1, max: 5 * 1440 }),
          }),
          fc.record({
            op: fc.constant("last" as const),
            at: minute,
            length: fc.integer({ min: 1, max: 6000 }),
          }),
          fc.record({
            op: fc.constant("newest" as const),
            at: minute,
            length: fc.constant(0),
          }),
        ),
        async (symbol, { op, at, length }) => {
          const t = START + at * MINUTE_MS + (at % 3) * 7_000;
          const ask = (h: BarHistory) =>
            op === "range"
              ? h.range(symbol, t, t + length * MINUTE_MS)
              : op === "last"
                ? h.lastBefore(symbol, t, length)
                : h.newestTimeBefore(symbol, t);
          const truth =
            op === "range"
              ? await store.range(symbol, t, t + length * MINUTE_MS)
              : op === "last"
                ? await store.lastBefore(symbol, t, length)
                : await store.newestTimeBefore(symbol, t);
          expect(await ask(uncached.history)).toEqual(truth);
          for (const { history } of histories)
            expect(await ask(history)).toEqual(truth);
        },
      ),
      { seed: 15_005, numRuns: 120 },
    );
    // The property was about the cache: it served most of those reads, and kept to its budget.
    const [big, withTail, small] = histories as [
      (typeof histories)[0],
      (typeof histories)[0],
      (typeof histories)[0],
    ];
    expect(big.seen.hits).toBeGreaterThan(big.seen.misses);
    expect(withTail.seen.hits).toBeGreaterThan(0);
    expect(small.seen.evictions).toBeGreaterThan(0);
    expect(small.cache.bytes).toBeLessThanOrEqual(3 * 1440 * 64 + 600);
    expect(uncached.reads.get("block")).toBeUndefined();
  }, 120_000);

  it("caches whole stored days only: the day still being stored is read from the database every time", async () => {
    const ticker = "ETHUSD";
    const writer = await reader({ budgetBytes: 64 << 20 });
    await writer.history.catchUp(entry(ticker), TODAY - 3 * DAY_MS);
    await writer.history.catchUp(entry(ticker), NOW_MINUTE - 30 * MINUTE_MS);
    const read = () =>
      writer.history.range(ticker, TODAY - DAY_MS, NOW + 3_600_000);
    const before = await read();
    expect(before.at(-1)?.time).toBe(NOW_MINUTE - 31 * MINUTE_MS);
    expect(writer.cache.size).toBe(1); // yesterday only
    // 29 more minutes are stored: they are in the next answer, as the database has them.
    await writer.history.catchUp(entry(ticker), NOW_MINUTE - MINUTE_MS);
    const after = await read();
    expect(after.at(-1)?.time).toBe(NOW_MINUTE - 2 * MINUTE_MS);
    expect(after).toEqual(
      await store.range(ticker, TODAY - DAY_MS, NOW + 3_600_000),
    );
    expect(writer.cache.size).toBe(1);
    // Today's reads never touch the cache; yesterday came from it the second time.
    const { hits, misses } = writer.seen;
    expect(await writer.history.range(ticker, TODAY, NOW)).toEqual(
      await store.range(ticker, TODAY, NOW),
    );
    expect(writer.seen).toMatchObject({ hits, misses });
    expect(hits).toBe(1);
  });

  it("on a follower, caches no day the leader has not stored in full, even before it has heard from the leader", async () => {
    const ticker = "SOLUSD";
    // The follower starts first, on a later day than the leader did: its cursor is a guess.
    const follower = await reader({ budgetBytes: 64 << 20 });
    await follower.history.load(catalog, START + 2 * DAY_MS);
    await follower.history.setWriter(false, catalog);
    const leader = await reader();
    // The leader's backfill is half-way through a day when the follower reads.
    await leader.history.catchUp(
      entry(ticker),
      START + DAY_MS + 12 * 3_600_000,
    );
    const range = [START, START + 4 * DAY_MS] as const;
    expect(await follower.history.range(ticker, ...range)).toEqual(
      await store.range(ticker, ...range),
    );
    expect(await follower.history.lastBefore(ticker, range[1], 3000)).toEqual(
      await store.lastBefore(ticker, range[1], 3000),
    );
    expect(follower.cache.size).toBe(0);
    // The rest is stored; the follower hears the leader's minute and may now cache those days.
    await leader.history.catchUp(entry(ticker), NOW_MINUTE);
    await follower.history.observe(entry(ticker), [], NOW_MINUTE);
    for (let i = 0; i < 2; i++)
      expect(await follower.history.range(ticker, ...range)).toEqual(
        await store.range(ticker, ...range),
      );
    expect(follower.cache.size).toBe(4);
    expect(follower.seen.hits).toBe(4);
  });

  it("on a follower whose history comes from the database, caches only the days before its cursor's day", async () => {
    const ticker = "NVDA";
    const leader = await reader();
    await leader.history.catchUp(entry(ticker), TODAY - DAY_MS - 6 * 3_600_000);
    const follower = await reader({ budgetBytes: 64 << 20 });
    await follower.history.setWriter(false, catalog);
    const range = [TODAY - 4 * DAY_MS, TODAY] as const;
    expect(await follower.history.range(ticker, ...range)).toEqual(
      await store.range(ticker, ...range),
    );
    // The leader is storing Monday: Saturday and Sunday are cached, Monday and Tuesday are not.
    expect(follower.cache.size).toBe(2);
    await leader.history.catchUp(entry(ticker), NOW_MINUTE);
    expect(await follower.history.range(ticker, ...range)).toEqual(
      await store.range(ticker, ...range),
    );
  });

  it("shares one database read among concurrent requests for the same closed days", async () => {
    const { history, reads, seen } = await reader({ budgetBytes: 64 << 20 });
    const [from, to] = [START + DAY_MS + 5 * MINUTE_MS, START + 4 * DAY_MS];
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => history.range("BTCUSD", from, to)),
    );
    const truth = await store.range("BTCUSD", from, to);
    for (const answer of answers) expect(answer).toEqual(truth);
    expect(reads.get("block")).toBe(1);
    expect(seen).toEqual({ hits: 27, misses: 3, evictions: 0 });
  });
});
