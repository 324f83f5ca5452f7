import { RollingWindow } from "./rolling-window";
import { SeededAverage } from "./seeded-average";
import { priceOf } from "./source";
import type { Indicator, IndicatorLines, PriceSource } from "./types";
import { WeightedWindow } from "./weighted-window";

const VALUE = ["value"] as const;

const point = (value: number | null): IndicatorLines | null =>
  value === null ? null : { value };

/**
 * SMA: the mean of the last `period` prices. Warm-up `period` (first value at bar period−1).
 * O(1) amortized push and O(1) peek (see RollingWindow).
 */
export function createSma(period: number, source: PriceSource): Indicator {
  const window = new RollingWindow(period);
  return {
    lines: VALUE,
    warmup: period,
    push: (bar) => point(window.push(priceOf(bar, source))?.mean ?? null),
    peek: (bar) => point(window.statsWith(priceOf(bar, source))?.mean ?? null),
  };
}

/**
 * EMA: seeded with the SMA of the first `period` prices (the value at bar period−1), then
 * ema = ema + α·(price − ema) with α = 2/(period+1). Warm-up `period`. O(1) push and peek.
 */
export function createEma(period: number, source: PriceSource): Indicator {
  const average = SeededAverage.ema(period);
  return {
    lines: VALUE,
    warmup: period,
    push: (bar) => point(average.push(priceOf(bar, source))),
    peek: (bar) => point(average.valueWith(priceOf(bar, source))),
  };
}

/**
 * WMA: linearly weighted mean of the last `period` prices, Σ i·price_i / (period(period+1)/2)
 * with the newest price weighted `period` and the oldest 1. Warm-up `period`. O(1) amortized push
 * and O(1) peek (see WeightedWindow).
 */
export function createWma(period: number, source: PriceSource): Indicator {
  const window = new WeightedWindow(period);
  return {
    lines: VALUE,
    warmup: period,
    push: (bar) => point(window.push(priceOf(bar, source))),
    peek: (bar) => point(window.meanWith(priceOf(bar, source))),
  };
}
