import { MINUTE_MS } from "@tradewire/client";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StoredBar } from "./bar-store";
import { RecentBars } from "./recent-bars";

const T0 = 1_790_000_000_000 - (1_790_000_000_000 % MINUTE_MS);

function bar(minute: number): StoredBar {
  const price = 100 + minute / 7;
  return {
    time: T0 + minute * MINUTE_MS,
    open: price,
    high: price + 0.5,
    low: price - 0.25,
    close: price + 0.125,
    volume: minute % 5,
    vwap: price + 0.1,
    trades: minute % 3,
  };
}

/** What the database answers, from every stored bar. */
const reference = {
  range: (all: StoredBar[], from: number, to: number) =>
    all.filter((b) => b.time >= from && b.time < to),
  lastBefore: (all: StoredBar[], before: number, count: number) =>
    all.filter((b) => b.time < before).slice(-count),
  newestTimeBefore: (all: StoredBar[], before: number) =>
    all.filter((b) => b.time < before).at(-1)?.time ?? null,
};

describe("RecentBars", () => {
  it("answers exactly as the database would whenever it answers, and always for reads it covers", () => {
    fc.assert(
      fc.property(
        // Minutes with gaps (quiet or closed minutes have no bar), split into loaded and appended.
        fc.uniqueArray(fc.integer({ min: 0, max: 3000 }), { maxLength: 400 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.integer({ min: -10, max: 3100 }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.integer({ min: 1, max: 200 }),
        (minutes, capacity, split, probes, count) => {
          const all = minutes.sort((a, b) => a - b).map(bar);
          const stored = all.slice(0, Math.min(split, all.length));
          const later = all.slice(stored.length);
          const recent = new RecentBars(capacity);
          const newest = stored.slice(-capacity);
          recent.load("SYM", newest, newest.length < capacity);
          // Appended in uneven batches, as catch-up chunks and single live minutes arrive.
          for (let i = 0; i < later.length; i += 1 + (i % 7))
            recent.append("SYM", later.slice(i, i + 1 + (i % 7)));
          const firstKept = all.slice(-capacity)[0]?.time ?? Infinity;
          const complete = all.length <= capacity && stored.length < capacity;
          for (const p of probes) {
            const at = T0 + p * MINUTE_MS;
            const to = at + 90 * MINUTE_MS;
            const range = recent.range("SYM", at, to);
            if (range) expect(range).toEqual(reference.range(all, at, to));
            if (complete || at >= firstKept) expect(range).not.toBeNull();
            const last = recent.lastBefore("SYM", at, count);
            if (last)
              expect(last).toEqual(reference.lastBefore(all, at, count));
            const newestTime = recent.newestTimeBefore("SYM", at);
            if (newestTime)
              expect(newestTime.time).toBe(reference.newestTimeBefore(all, at));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps about its capacity, not everything appended, and hands nothing out for symbols never loaded", () => {
    const recent = new RecentBars(1000);
    recent.load("BTCUSD", [], true);
    for (let m = 0; m < 20_000; m += 10)
      recent.append(
        "BTCUSD",
        Array.from({ length: 10 }, (_, i) => bar(m + i)),
      );
    const kept = recent.range("BTCUSD", T0 + 19_000 * MINUTE_MS, Infinity);
    expect(kept?.length).toBe(1000);
    expect(kept?.[0]).toEqual(bar(19_000));
    expect(recent.range("BTCUSD", T0, Infinity)).toBeNull();
    expect(
      recent.lastBefore("BTCUSD", T0 + 19_500 * MINUTE_MS, 1000),
    ).toBeNull();
    expect(recent.lastBefore("BTCUSD", T0 + 19_500 * MINUTE_MS, 500)).toEqual(
      Array.from({ length: 500 }, (_, i) => bar(19_000 + i)),
    );
    recent.append("ETHUSD", [bar(1)]);
    expect(recent.has("ETHUSD")).toBe(false);
    expect(recent.range("ETHUSD", T0, Infinity)).toBeNull();
  });
});
