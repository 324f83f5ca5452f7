import { DAY_MS, MINUTE_MS } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import type { StoredBar } from "./bar-store";
import {
  BLOCK_MS,
  ClosedBlockCache,
  type BlockCacheEvents,
} from "./closed-block-cache";

const DAY0 = Math.floor(1_790_000_000_000 / DAY_MS);

/** A bar every `step` minutes: a day holds 1440 / step bars. */
function barsOf(fromMs: number, toMs: number, step = 1): StoredBar[] {
  const bars: StoredBar[] = [];
  for (let t = fromMs; t < toMs; t += step * MINUTE_MS) {
    const price = 100 + ((t / MINUTE_MS) % 97);
    bars.push({
      time: t,
      open: price,
      high: price + 1,
      low: price - 1,
      close: price + 0.5,
      volume: 3,
      vwap: price + 0.25,
      trades: 2,
    });
  }
  return bars;
}

/** A fetch over a fixed series that records each read it was asked for. */
function counted(step = 1) {
  const calls: [number, number][] = [];
  return {
    calls,
    fetch: (fromMs: number, toMs: number) => {
      calls.push([fromMs / BLOCK_MS - DAY0, toMs / BLOCK_MS - DAY0]);
      return Promise.resolve(barsOf(fromMs, toMs, step));
    },
  };
}

function events() {
  const seen = { hits: 0, misses: 0, evictions: 0 };
  const report: BlockCacheEvents = {
    hit: (n) => (seen.hits += n),
    miss: (n) => (seen.misses += n),
    evicted: (n) => (seen.evictions += n),
  };
  return { seen, report };
}

const day = (d: number) => (DAY0 + d) * BLOCK_MS;

describe("ClosedBlockCache", () => {
  it("reads each run of missing days once, then answers them from memory, cut to the range asked", async () => {
    const { seen, report } = events();
    const cache = new ClosedBlockCache(64 * 1024 * 1024, report);
    const source = counted();
    const first = await cache.bars("BTCUSD", DAY0 + 2, DAY0 + 3, source.fetch);
    expect(first).toEqual(barsOf(day(2), day(4)));
    // Days 0-1 and 4-5 are missing around the cached 2-3: two reads, one per run.
    const wide = await cache.bars(
      "BTCUSD",
      DAY0,
      DAY0 + 5,
      source.fetch,
      day(0) + 90 * MINUTE_MS,
      day(5) + 30 * MINUTE_MS,
    );
    expect(wide).toEqual(
      barsOf(day(0) + 90 * MINUTE_MS, day(5) + 30 * MINUTE_MS),
    );
    expect(source.calls).toEqual([
      [2, 4],
      [0, 2],
      [4, 6],
    ]);
    expect(seen).toEqual({ hits: 2, misses: 6, evictions: 0 });
    expect(cache.size).toBe(6);
    expect(cache.bytes).toBeGreaterThanOrEqual(6 * 1440 * 64);
    // Another symbol's days are its own.
    await cache.bars("ETHUSD", DAY0, DAY0, source.fetch);
    expect(source.calls).toHaveLength(4);
  });

  it("hands out fresh bars: changing an answer does not change the cache", async () => {
    const cache = new ClosedBlockCache(1024 * 1024);
    const source = counted();
    const [bar] = await cache.bars("BTCUSD", DAY0, DAY0, source.fetch);
    (bar as { close: number }).close = -1;
    const [again] = await cache.bars("BTCUSD", DAY0, DAY0, source.fetch);
    expect(again).toEqual(barsOf(day(0), day(1))[0]);
  });

  it("stays within its byte budget, dropping the least recently used day first", async () => {
    const { seen, report } = events();
    const dayBytes = 1440 * 64;
    // Room for three full days (and their overhead), not four.
    const cache = new ClosedBlockCache(3 * dayBytes + 1000, report);
    const source = counted();
    for (const d of [0, 1, 2])
      await cache.bars("BTCUSD", DAY0 + d, DAY0 + d, source.fetch);
    await cache.bars("BTCUSD", DAY0, DAY0, source.fetch); // day 0 is now the most recent
    await cache.bars("BTCUSD", DAY0 + 3, DAY0 + 3, source.fetch); // evicts day 1
    expect(cache.bytes).toBeLessThanOrEqual(3 * dayBytes + 1000);
    expect(cache.size).toBe(3);
    expect(seen.evictions).toBe(1);
    source.calls.length = 0;
    for (const d of [0, 2, 3])
      await cache.bars("BTCUSD", DAY0 + d, DAY0 + d, source.fetch);
    expect(source.calls).toEqual([]);
    await cache.bars("BTCUSD", DAY0 + 1, DAY0 + 1, source.fetch);
    expect(source.calls).toEqual([[1, 2]]);
    expect(cache.bytes).toBeLessThanOrEqual(3 * dayBytes + 1000);
  });

  it("still answers a read larger than its budget, keeping what fits", async () => {
    const cache = new ClosedBlockCache(1440 * 64 + 500);
    const source = counted();
    const bars = await cache.bars("BTCUSD", DAY0, DAY0 + 9, source.fetch);
    expect(bars).toEqual(barsOf(day(0), day(10)));
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBeLessThanOrEqual(1440 * 64 + 500);
  });

  it("shares one database read among concurrent misses of the same days", async () => {
    const { seen, report } = events();
    const cache = new ClosedBlockCache(64 * 1024 * 1024, report);
    const source = counted();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = async (fromMs: number, toMs: number) => {
      await gate;
      return source.fetch(fromMs, toMs);
    };
    const reads = Array.from({ length: 8 }, (_, i) =>
      cache.bars("BTCUSD", DAY0 + (i % 2), DAY0 + 3, slow),
    );
    release();
    const answers = await Promise.all(reads);
    expect(source.calls).toEqual([[0, 4]]);
    answers.forEach((bars, i) =>
      expect(bars).toEqual(barsOf(day(i % 2), day(4))),
    );
    // The first request misses days 0-3; the other seven wait on its read (4 x 4 + 4 x 3 - 4).
    expect(seen.misses).toBe(4);
    expect(seen.hits).toBe(24);
  });

  it("keeps nothing from a failed read: the next request reads again", async () => {
    const cache = new ClosedBlockCache(64 * 1024 * 1024);
    await expect(
      cache.bars("BTCUSD", DAY0, DAY0 + 1, () =>
        Promise.reject(new Error("connection lost")),
      ),
    ).rejects.toThrow("connection lost");
    expect(cache.size).toBe(0);
    const source = counted();
    expect(await cache.bars("BTCUSD", DAY0, DAY0 + 1, source.fetch)).toEqual(
      barsOf(day(0), day(2)),
    );
    expect(source.calls).toEqual([[0, 2]]);
  });

  it("caches empty days (no trading) as cheaply as their overhead", async () => {
    const cache = new ClosedBlockCache(64 * 1024 * 1024);
    const none = () => Promise.resolve([] as StoredBar[]);
    expect(await cache.bars("AAPL", DAY0, DAY0 + 1, none)).toEqual([]);
    expect(cache.size).toBe(2);
    expect(cache.bytes).toBeLessThan(1000);
  });
});
