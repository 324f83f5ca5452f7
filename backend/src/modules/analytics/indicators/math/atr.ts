import { SeededAverage } from "./seeded-average";
import type { Indicator, OhlcvBar } from "./types";

/**
 * ATR (Wilder): true range TR = max(high − low, |high − previous close|, |low − previous close|),
 * and high − low on the first bar; ATR is seeded with the SMA of the first `period` TRs (the value
 * at bar period−1) and then smoothed atr' = atr + (TR − atr)/period. Warm-up `period`.
 * O(1) push and peek.
 */
export function createAtr(period: number): Indicator {
  const average = SeededAverage.wilder(period);
  let previousClose: number | null = null;

  const trueRange = (bar: OhlcvBar): number => {
    const range = bar.high - bar.low;
    if (previousClose === null) return range;
    return Math.max(
      range,
      Math.abs(bar.high - previousClose),
      Math.abs(bar.low - previousClose),
    );
  };

  return {
    lines: ["value"],
    warmup: period,
    push: (bar) => {
      const value = average.push(trueRange(bar));
      previousClose = bar.close;
      return value === null ? null : { value };
    },
    peek: (bar) => {
      const value = average.valueWith(trueRange(bar));
      return value === null ? null : { value };
    },
  };
}
