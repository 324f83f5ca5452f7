import { RollingWindow } from "./rolling-window";
import type { Indicator, IndicatorLines, OhlcvBar } from "./types";
import { WindowExtreme } from "./window-extreme";

/**
 * Stochastic oscillator (fast %K, %D): with HH and LL the highest high and lowest low of the last
 * `period` bars, k = 100·(close − LL)/(HH − LL), and 50 when HH = LL (a flat window has no
 * position within its range; the references say 0 there); d = SMA(`signal`) of k. A point is
 * emitted only once both exist: warm-up period + signal − 1. O(1) amortized push and O(1) peek
 * (monotonic deques for HH/LL, see WindowExtreme).
 */
export function createStochastic(period: number, signal: number): Indicator {
  const highest = WindowExtreme.highest(period);
  const lowest = WindowExtreme.lowest(period);
  const ks = new RollingWindow(signal);
  let bars = 0;

  const kOf = (bar: OhlcvBar, high: number, low: number): number =>
    high === low ? 50 : (100 * (bar.close - low)) / (high - low);

  const point = (k: number | null, d: number | null): IndicatorLines | null =>
    k === null || d === null ? null : { k, d };

  return {
    lines: ["k", "d"],
    warmup: period + signal - 1,
    push: (bar) => {
      const k = kOf(bar, highest.push(bar.high), lowest.push(bar.low));
      bars++;
      if (bars < period) return null;
      return point(k, ks.push(k)?.mean ?? null);
    },
    peek: (bar) => {
      if (bars + 1 < period) return null;
      const k = kOf(
        bar,
        highest.extremeWith(bar.high),
        lowest.extremeWith(bar.low),
      );
      return point(k, ks.statsWith(k)?.mean ?? null);
    },
  };
}
