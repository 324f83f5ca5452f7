import { SeededAverage } from "./seeded-average";
import { priceOf } from "./source";
import type { Indicator, IndicatorLines, PriceSource } from "./types";

export interface MacdPeriods {
  readonly fast: number;
  readonly slow: number;
  readonly signal: number;
}

/**
 * MACD: macd = EMA(fast) − EMA(slow) of the price, signal = EMA(signal) of macd,
 * histogram = macd − signal, every EMA seeded with the SMA of its first inputs (see createEma).
 * As the reference (technicalindicators' MACD with EMA oscillator and signal) does, a point
 * carries `macd` alone from bar slow−1 (warm-up `slow`) and all three lines from bar
 * slow+signal−2 on. O(1) push and peek.
 */
export function createMacd(
  periods: MacdPeriods,
  source: PriceSource,
): Indicator {
  const fast = SeededAverage.ema(periods.fast);
  const slow = SeededAverage.ema(periods.slow);
  const signal = SeededAverage.ema(periods.signal);

  const evaluate = (price: number, commit: boolean): IndicatorLines | null => {
    const fastValue = commit ? fast.push(price) : fast.valueWith(price);
    const slowValue = commit ? slow.push(price) : slow.valueWith(price);
    if (fastValue === null || slowValue === null) return null;
    const macd = fastValue - slowValue;
    const signalValue = commit ? signal.push(macd) : signal.valueWith(macd);
    if (signalValue === null) return { macd };
    return { macd, signal: signalValue, histogram: macd - signalValue };
  };

  return {
    lines: ["macd", "signal", "histogram"],
    warmup: periods.slow,
    push: (bar) => evaluate(priceOf(bar, source), true),
    peek: (bar) => evaluate(priceOf(bar, source), false),
  };
}
