import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateBars, barsFromTrades } from "./aggregate";
import { buildCatalog, findSymbol } from "./catalog";
import { bucketEnd, bucketStart } from "./resolution";
import { tradingDay } from "./session";
import type { MarketBar } from "./types";

const utc = (iso: string) => Date.parse(`${iso}Z`);
/** A fixed seed keeps the suite reproducible; drop it locally to explore new cases. */
const RUNS = { seed: 20_260_309, numRuns: 200 };

interface Tick {
  time: number;
  price: number;
  size: number;
}

/**
 * Ascending trades: gaps from nothing (same millisecond) to days, so streams cross minute, day,
 * week and month boundaries and leave empty buckets. Prices are cents; sizes whole units, so
 * volumes add up exactly.
 */
const tradeStream = fc
  .record({
    start: fc.integer({
      min: utc("2024-01-01T00:00:00"),
      max: utc("2030-01-01T00:00:00"),
    }),
    steps: fc.array(
      fc.record({
        gap: fc.oneof(
          fc.integer({ min: 0, max: 90_000 }),
          fc.integer({ min: 0, max: 6 * 3_600_000 }),
          fc.integer({ min: 0, max: 9 * 86_400_000 }),
        ),
        cents: fc.integer({ min: 1, max: 10_000_000 }),
        size: fc.integer({ min: 1, max: 5_000 }),
      }),
      { minLength: 1, maxLength: 300 },
    ),
  })
  .map(({ start, steps }) => {
    let time = start;
    return steps.map(({ gap, cents, size }): Tick => {
      time += gap;
      return { time, price: cents / 100, size };
    });
  });

const resolutions = fc.constantFrom(
  "1",
  "3",
  "5",
  "7",
  "15",
  "30",
  "60",
  "120",
  "240",
  "1D",
  "2D",
  "1W",
  "2W",
  "1M",
  "3M",
);

const ohlc = (bars: readonly MarketBar[]) =>
  bars.map((b) => [b.time, b.open, b.high, b.low, b.close, b.volume, b.trades]);

describe("aggregation properties", () => {
  it("gives the same bars from trades directly as through 1-minute bars", () => {
    fc.assert(
      fc.property(tradeStream, resolutions, (trades, resolution) => {
        const direct = barsFromTrades(trades, resolution);
        const viaMinutes = aggregateBars(
          barsFromTrades(trades, "1"),
          resolution,
        );
        expect(ohlc(viaMinutes)).toEqual(ohlc(direct));
        direct.forEach((bar, i) => {
          const other = viaMinutes[i]?.vwap ?? Number.NaN;
          expect(Math.abs(other - bar.vwap)).toBeLessThanOrEqual(
            1e-9 * bar.vwap,
          );
        });
      }),
      RUNS,
    );
  });

  it("keeps low <= open, close <= high and the VWAP inside the range", () => {
    fc.assert(
      fc.property(tradeStream, resolutions, (trades, resolution) => {
        for (const bar of aggregateBars(
          barsFromTrades(trades, "1"),
          resolution,
        )) {
          expect(bar.low).toBeLessThanOrEqual(bar.open);
          expect(bar.low).toBeLessThanOrEqual(bar.close);
          expect(bar.open).toBeLessThanOrEqual(bar.high);
          expect(bar.close).toBeLessThanOrEqual(bar.high);
          expect(bar.low).toBeLessThanOrEqual(bar.high);
          expect(bar.vwap).toBeGreaterThanOrEqual(bar.low * (1 - 1e-12));
          expect(bar.vwap).toBeLessThanOrEqual(bar.high * (1 + 1e-12));
        }
      }),
      RUNS,
    );
  });

  it("adds volumes and trade counts up to the stream's totals", () => {
    fc.assert(
      fc.property(tradeStream, resolutions, (trades, resolution) => {
        const bars = aggregateBars(barsFromTrades(trades, "1"), resolution);
        const volume = trades.reduce((sum, t) => sum + t.size, 0);
        expect(bars.reduce((sum, b) => sum + b.volume, 0)).toBe(volume);
        expect(bars.reduce((sum, b) => sum + b.trades, 0)).toBe(trades.length);
      }),
      RUNS,
    );
  });

  it("emits aligned, strictly increasing buckets that contain their trades", () => {
    fc.assert(
      fc.property(tradeStream, resolutions, (trades, resolution) => {
        const bars = barsFromTrades(trades, resolution);
        bars.forEach((bar, i) => {
          expect(bucketStart(resolution, bar.time)).toBe(bar.time);
          if (i > 0) expect(bar.time).toBeGreaterThan(bars[i - 1]?.time ?? 0);
        });
        const starts = new Set(bars.map((b) => b.time));
        for (const trade of trades) {
          const start = bucketStart(resolution, trade.time);
          expect(starts.has(start)).toBe(true);
          expect(trade.time).toBeLessThan(bucketEnd(resolution, start));
        }
      }),
      RUNS,
    );
  });
});

describe("aggregateBars", () => {
  const bar = (
    time: string,
    o: number,
    h: number,
    l: number,
    c: number,
    v: number,
    vwap: number,
  ): MarketBar => ({
    time: utc(time),
    open: o,
    high: h,
    low: l,
    close: c,
    volume: v,
    vwap,
    trades: 2,
  });

  it("builds a 15-minute bar from 1-minute bars and leaves empty buckets out", () => {
    const bars = [
      bar("2026-03-09T14:30:00", 100, 101, 99.5, 100.5, 100, 100.2),
      bar("2026-03-09T14:31:00", 100.5, 102, 100.25, 101.75, 300, 101),
      bar("2026-03-09T14:44:00", 101.75, 101.75, 100, 100.1, 100, 100.9),
      // Nothing from 14:45 to 15:14.
      bar("2026-03-09T15:16:00", 99, 99.5, 98, 98.5, 50, 98.7),
    ];
    const [first, second, ...rest] = aggregateBars(bars, "15");
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      time: utc("2026-03-09T14:30:00"),
      open: 100,
      high: 102,
      low: 99.5,
      close: 100.1,
      volume: 500,
      trades: 6,
    });
    // (100.2 * 100 + 101 * 300 + 100.9 * 100) / 500
    expect(first?.vwap).toBeCloseTo(100.82, 10);
    expect(second).toEqual({
      time: utc("2026-03-09T15:15:00"),
      open: 99,
      high: 99.5,
      low: 98,
      close: 98.5,
      volume: 50,
      vwap: 98.7,
      trades: 2,
    });
  });

  it("cuts daily bars at the symbol's trading day when asked", () => {
    const EURUSD = findSymbol(
      buildCatalog(utc("2026-03-09T00:00:00")),
      "EURUSD",
    );
    if (EURUSD === undefined) throw new Error("EURUSD is not listed");
    // Monday 16:59 and 17:00 New York (EDT): UTC 20:59 and 21:00, the same UTC day.
    const bars = [
      bar("2026-03-09T20:59:00", 1.1, 1.1, 1.1, 1.1, 10, 1.1),
      bar("2026-03-09T21:00:00", 1.2, 1.2, 1.2, 1.2, 10, 1.2),
    ];
    expect(aggregateBars(bars, "1D").map((b) => b.time)).toEqual([
      utc("2026-03-09T00:00:00"),
    ]);
    const byTradingDay = aggregateBars(bars, "1D", {
      dayOf: (t) => tradingDay(EURUSD, t),
    });
    expect(byTradingDay.map((b) => [b.time, b.open])).toEqual([
      [utc("2026-03-09T00:00:00"), 1.1],
      [utc("2026-03-10T00:00:00"), 1.2],
    ]);
  });

  it("refuses input that is not ascending", () => {
    const bars = [
      bar("2026-03-09T15:00:00", 1, 1, 1, 1, 1, 1),
      bar("2026-03-09T14:00:00", 1, 1, 1, 1, 1, 1),
    ];
    expect(() => aggregateBars(bars, "15")).toThrow(RangeError);
    expect(aggregateBars([], "1D")).toEqual([]);
  });

  it("aggregates a minute-aligned series at the minute resolution unchanged", () => {
    const bars = [
      bar("2026-03-09T14:30:00", 100, 101, 99.5, 100.5, 100, 100.2),
      bar("2026-03-09T14:32:00", 100.5, 102, 100.25, 101.75, 300, 101),
    ];
    expect(aggregateBars(bars, "1")).toEqual(bars);
  });
});
