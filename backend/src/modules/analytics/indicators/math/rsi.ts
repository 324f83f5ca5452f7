import { SeededAverage } from "./seeded-average";
import { priceOf } from "./source";
import type { Indicator, IndicatorLines, PriceSource } from "./types";

/**
 * RSI (Wilder): with change = price − previous price, gain = max(change, 0) and
 * loss = max(−change, 0), the average gain and loss are seeded with the simple means of the first
 * `period` gains/losses and then smoothed avg' = avg + (x − avg)/period;
 * rsi = 100 − 100/(1 + avgGain/avgLoss), and 100 when avgLoss is 0 (also when nothing moved).
 * The first change needs two bars, so the first value is at bar `period`: warm-up period+1.
 * O(1) push and peek.
 */
export function createRsi(period: number, source: PriceSource): Indicator {
  const gains = SeededAverage.wilder(period);
  const losses = SeededAverage.wilder(period);
  let previous: number | null = null;

  const evaluate = (price: number, commit: boolean): IndicatorLines | null => {
    if (previous === null) {
      if (commit) previous = price;
      return null;
    }
    const change = price - previous;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    const avgGain = commit ? gains.push(gain) : gains.valueWith(gain);
    const avgLoss = commit ? losses.push(loss) : losses.valueWith(loss);
    if (commit) previous = price;
    if (avgGain === null || avgLoss === null) return null;
    return { value: avgLoss === 0 ? 100 : 100 - 100 / (1 + avgGain / avgLoss) };
  };

  return {
    lines: ["value"],
    warmup: period + 1,
    push: (bar) => evaluate(priceOf(bar, source), true),
    peek: (bar) => evaluate(priceOf(bar, source), false),
  };
}
