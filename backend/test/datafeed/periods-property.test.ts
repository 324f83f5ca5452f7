import { DAY_MS, MINUTE_MS } from "@tradewire/client";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database";
import { BarHistory } from "../../src/modules/datafeed/bar-history";
import {
  HistoryQuery,
  MAX_CHUNK,
} from "../../src/modules/datafeed/history-query";
import {
  bucketStart,
  buildCatalog,
  parseResolution,
  sessionStart,
  tradingDay,
  type CatalogEntry,
  type ParsedResolution,
  type SeriesBar,
} from "../../src/modules/datafeed/market";
import {
  BarStore,
  type StoredBar,
} from "../../src/modules/datafeed/store/bar-store";
import { testDatabases } from "../support/databases";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";

/**
 * Bars of random periods, ranges and symbols (stock, FX, crypto, a future) from HistoryQuery
 * against a direct computation from the stored 1-minute base: the alignment rules written out
 * naively, and the session VWAP summed minute by minute from sessionStart().
 */

const NOW = WEDNESDAY_10AM_NY;
const DAYS = 45;
const START = Math.floor((NOW - DAYS * DAY_MS) / DAY_MS) * DAY_MS;
const RESOLUTIONS = [
  "1",
  "7",
  "45",
  "60",
  "90",
  "240",
  "1000",
  "1D",
  "2D",
  "1W",
  "3W",
  "1M",
];

interface Base {
  readonly entry: CatalogEntry;
  readonly minutes: readonly StoredBar[];
  /** sessionStart() of each minute. */
  readonly sessions: readonly number[];
}

/** The bar holding a minute, by TradingView's rules written out directly. */
function naiveLabel(
  entry: CatalogEntry,
  resolution: ParsedResolution,
  time: number,
): number {
  if (resolution.unit !== "minute")
    return bucketStart(resolution, tradingDay(entry, time));
  const session = sessionStart(entry, time);
  const size = resolution.count * MINUTE_MS;
  return session + Math.floor((time - session) / size) * size;
}

function expectedBars(
  base: Base,
  resolution: ParsedResolution,
  keep: (label: number) => boolean,
): SeriesBar[] {
  const out: SeriesBar[] = [];
  const { minutes, sessions } = base;
  let current: SeriesBar | null = null;
  minutes.forEach((m, i) => {
    const label = naiveLabel(base.entry, resolution, m.time);
    if (!keep(label)) return;
    let notional = 0;
    let volume = 0;
    for (let j = i; j >= 0 && sessions[j] === sessions[i]; j--) {
      notional +=
        (minutes[j] as StoredBar).vwap * (minutes[j] as StoredBar).volume;
      volume += (minutes[j] as StoredBar).volume;
    }
    const vwap = volume > 0 ? notional / volume : m.close;
    if (current && current.time === label) {
      current.high = Math.max(current.high, m.high);
      current.low = Math.min(current.low, m.low);
      current.close = m.close;
      current.volume += m.volume;
      current.trades += m.trades;
      current.vwap = vwap;
      return;
    }
    current = { ...m, time: label, vwap };
    out.push(current);
  });
  return out;
}

function close(actual: readonly SeriesBar[], expected: readonly SeriesBar[]) {
  expect(actual.map((b) => b.time)).toEqual(expected.map((b) => b.time));
  actual.forEach((bar, i) => {
    const want = expected[i] as SeriesBar;
    expect([bar.open, bar.high, bar.low, bar.close, bar.trades]).toEqual([
      want.open,
      want.high,
      want.low,
      want.close,
      want.trades,
    ]);
    expect(bar.volume).toBeCloseTo(want.volume, 6);
    expect(bar.vwap).toBeCloseTo(want.vwap, 8);
  });
}

/** The real BarHistory, noting how much each read asks for (the cost guard of long periods). */
class MeasuredHistory extends BarHistory {
  readonly rangeSpans: number[] = [];
  readonly lastBeforeCounts: number[] = [];
  override range(symbol: string, fromMs: number, toMs: number) {
    this.rangeSpans.push(toMs - fromMs);
    return super.range(symbol, fromMs, toMs);
  }
  override lastBefore(symbol: string, beforeMs: number, count: number) {
    this.lastBeforeCounts.push(count);
    return super.lastBefore(symbol, beforeMs, count);
  }
}

describe.each(testDatabases())(
  "periods, session VWAP and fill against the 1-minute base on $name",
  (engine) => {
    let database: Database;
    let query: HistoryQuery;
    let history: MeasuredHistory;
    const bases = new Map<string, Base>();
    const symbols: CatalogEntry[] = [];

    beforeAll(async () => {
      database = await engine.open();
      const store = new BarStore(database);
      const catalog = buildCatalog(NOW);
      history = new MeasuredHistory(store, 7);
      await history.load(catalog, START);
      query = new HistoryQuery(history, new ManualClock(NOW));
      const future = catalog.find((e) => e.type === "futures");
      for (const ticker of ["AAPL", "EURUSD", "BTCUSD", future?.ticker ?? ""]) {
        const entry = catalog.find((e) => e.ticker === ticker) as CatalogEntry;
        await history.catchUp(entry, NOW);
        const minutes = await store.range(ticker, 0, NOW);
        bases.set(ticker, {
          entry,
          minutes,
          sessions: minutes.map((m) => sessionStart(entry, m.time)),
        });
        symbols.push(entry);
      }
    }, 120_000);
    afterAll(async () => {
      await database.close();
      await engine.dispose();
    });

    const arbitrary = () =>
      fc.record({
        symbol: fc.integer({ min: 0, max: 3 }),
        resolution: fc.constantFrom(...RESOLUTIONS),
        from: fc.integer({ min: START / MINUTE_MS, max: NOW / MINUTE_MS }),
        span: fc.integer({ min: 1, max: 50 * 24 * 60 }),
        countback: fc.integer({ min: 1, max: 300 }),
      });

    it("range requests: every bar, its period and its session VWAP as computed directly", async () => {
      await fc.assert(
        fc.asyncProperty(arbitrary(), async (c) => {
          const entry = symbols[c.symbol] as CatalogEntry;
          const base = bases.get(entry.ticker) as Base;
          const resolution = parseResolution(c.resolution) as ParsedResolution;
          const from = c.from * MINUTE_MS;
          const to = from + c.span * MINUTE_MS;
          const { bars } = await query.bars(entry, resolution, from, to);
          close(
            bars,
            expectedBars(base, resolution, (t) => t >= from && t < to),
          );
        }),
        { numRuns: 25, seed: 15 },
      );
    }, 120_000);

    it("countback requests: the newest bars before `to`, complete, never one stamped `to`", async () => {
      await fc.assert(
        fc.asyncProperty(arbitrary(), async (c) => {
          const entry = symbols[c.symbol] as CatalogEntry;
          const base = bases.get(entry.ticker) as Base;
          const resolution = parseResolution(c.resolution) as ParsedResolution;
          const to = c.from * MINUTE_MS;
          const { bars } = await query.bars(
            entry,
            resolution,
            0,
            to,
            c.countback,
          );
          close(
            bars,
            expectedBars(base, resolution, (t) => t < to).slice(-c.countback),
          );
        }),
        { numRuns: 25, seed: 16 },
      );
    }, 120_000);

    it("with fill, real bars are unchanged and filled ones are flat at the previous close inside sessions", async () => {
      await fc.assert(
        fc.asyncProperty(arbitrary(), async (c) => {
          const entry = symbols[c.symbol] as CatalogEntry;
          const resolution = parseResolution(c.resolution) as ParsedResolution;
          const from = c.from * MINUTE_MS;
          const to = Math.min(
            NOW,
            from + Math.min(c.span, 5 * 24 * 60) * MINUTE_MS,
          );
          const plain = (await query.bars(entry, resolution, from, to)).bars;
          const filled = (
            await query.bars(entry, resolution, from, to, undefined, {
              fill: true,
            })
          ).bars;
          close(
            filled.filter((b) => !b.filled),
            plain,
          );
          filled.forEach((bar, i) => {
            if (!bar.filled) return;
            const before = filled[i - 1];
            if (before) expect(bar.open).toBe(before.close);
            expect([bar.open, bar.high, bar.low, bar.close]).toEqual([
              bar.open,
              bar.open,
              bar.open,
              bar.open,
            ]);
            expect(bar.volume).toBe(0);
            if (resolution.unit === "minute")
              expect(naiveLabel(entry, resolution, bar.time)).toBe(bar.time);
          });
          for (let i = 1; i < filled.length; i++)
            expect((filled[i] as SeriesBar).time).toBeGreaterThan(
              (filled[i - 1] as SeriesBar).time,
            );
        }),
        { numRuns: 25, seed: 17 },
      );
    }, 120_000);

    it("consecutive chunks give exactly the bars of one request, VWAP and fill included", async () => {
      await fc.assert(
        fc.asyncProperty(
          arbitrary(),
          fc.array(fc.integer({ min: 1, max: 6 * 24 * 60 }), {
            minLength: 1,
            maxLength: 4,
          }),
          fc.boolean(),
          async (c, cuts, fill) => {
            const entry = symbols[c.symbol] as CatalogEntry;
            const resolution = parseResolution(
              c.resolution,
            ) as ParsedResolution;
            const from = c.from * MINUTE_MS - 8 * DAY_MS;
            const edges = [from];
            for (const cut of cuts)
              edges.push((edges.at(-1) as number) + cut * MINUTE_MS);
            const to = edges.at(-1) as number;
            const whole = (
              await query.bars(entry, resolution, from, to, undefined, { fill })
            ).bars;
            const pieces: SeriesBar[] = [];
            for (let i = 1; i < edges.length; i++)
              pieces.push(
                ...(
                  await query.bars(
                    entry,
                    resolution,
                    edges[i - 1] as number,
                    edges[i] as number,
                    undefined,
                    { fill },
                  )
                ).bars,
              );
            expect(pieces).toEqual(whole);
          },
        ),
        { numRuns: 25, seed: 18 },
      );
    }, 120_000);

    it("reads a 99999-minute or 99M series a window of MAX_CHUNK minutes at a time, never all at once", async () => {
      const entry = symbols[2] as CatalogEntry;
      history.rangeSpans.length = 0;
      history.lastBeforeCounts.length = 0;
      for (const name of ["99999", "99M"]) {
        const resolution = parseResolution(name) as ParsedResolution;
        await query.bars(entry, resolution, NOW - 3 * 365 * DAY_MS, NOW);
        await query.bars(entry, resolution, 0, NOW, 20_000);
      }
      expect(history.rangeSpans.length).toBeGreaterThan(4);
      for (const span of history.rangeSpans)
        expect(span).toBeLessThanOrEqual(MAX_CHUNK * MINUTE_MS);
      for (const count of history.lastBeforeCounts)
        expect(count).toBeLessThanOrEqual(MAX_CHUNK);
    });
  },
);
