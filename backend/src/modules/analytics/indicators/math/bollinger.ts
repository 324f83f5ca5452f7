import { RollingWindow, type WindowStats } from "./rolling-window";
import { priceOf } from "./source";
import type { Indicator, IndicatorLines, PriceSource } from "./types";

/**
 * Bollinger Bands: middle = SMA(period) of the price, upper/lower = middle ± stdDev·σ with σ the
 * population standard deviation of the same `period` prices (divisor period, not period−1).
 * Warm-up `period`. O(1) amortized push and O(1) peek (see RollingWindow).
 */
export function createBollinger(
  period: number,
  stdDev: number,
  source: PriceSource,
): Indicator {
  const window = new RollingWindow(period);
  const bands = (stats: WindowStats | null): IndicatorLines | null => {
    if (stats === null) return null;
    const width = stdDev * Math.sqrt(stats.variance);
    return {
      upper: stats.mean + width,
      middle: stats.mean,
      lower: stats.mean - width,
    };
  };
  return {
    lines: ["upper", "middle", "lower"],
    warmup: period,
    push: (bar) => bands(window.push(priceOf(bar, source))),
    peek: (bar) => bands(window.statsWith(priceOf(bar, source))),
  };
}
