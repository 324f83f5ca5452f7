import type { Indicator, IndicatorOptions, OhlcvBar } from "./types";

const DAY_MS = 86_400_000;

/** The default session: the UTC day containing `time` (ms). */
export const utcDayStart = (time: number): number =>
  Math.floor(time / DAY_MS) * DAY_MS;

/**
 * Session VWAP: Σ(typical·volume)/Σvolume over the session's bars so far, typical = (h+l+c)/3;
 * while the session's volume is still 0, the bar's typical price. The sums restart when
 * `sessionStart(time)` changes (default: the UTC day). Warm-up 1. O(1) push and peek.
 */
export function createVwap(options: IndicatorOptions = {}): Indicator {
  const sessionStart = options.sessionStart ?? utcDayStart;
  let session: number | null = null;
  let priceVolume = 0;
  let volume = 0;

  const evaluate = (bar: OhlcvBar) => {
    const typical = (bar.high + bar.low + bar.close) / 3;
    const start = sessionStart(bar.time);
    const same = start === session;
    const pv = (same ? priceVolume : 0) + typical * bar.volume;
    const v = (same ? volume : 0) + bar.volume;
    return { start, pv, v, value: v === 0 ? typical : pv / v };
  };

  return {
    lines: ["value"],
    warmup: 1,
    push: (bar) => {
      const next = evaluate(bar);
      session = next.start;
      priceVolume = next.pv;
      volume = next.v;
      return { value: next.value };
    },
    peek: (bar) => ({ value: evaluate(bar).value }),
  };
}

/**
 * OBV: 0 on the first bar, then ± the bar's volume when the close rises/falls against the previous
 * close (unchanged when equal). Warm-up 1. O(1) push and peek.
 */
export function createObv(): Indicator {
  let previousClose: number | null = null;
  let total = 0;

  const evaluate = (bar: OhlcvBar): number => {
    if (previousClose === null) return 0;
    if (bar.close > previousClose) return total + bar.volume;
    if (bar.close < previousClose) return total - bar.volume;
    return total;
  };

  return {
    lines: ["value"],
    warmup: 1,
    push: (bar) => {
      total = evaluate(bar);
      previousClose = bar.close;
      return { value: total };
    },
    peek: (bar) => ({ value: evaluate(bar) }),
  };
}
