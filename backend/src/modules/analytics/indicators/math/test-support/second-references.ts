// Second opinions where both libraries implement the same definition: the other library from
// references.ts. technicalindicators' RSI rounds to 2 decimals, so it is compared at ±0.005.
import * as ti from "technicalindicators";
import * as ts from "trading-signals";
import { priceOf } from "../source";
import type { IndicatorKind, OhlcvBar } from "../types";
import type { Series } from "./compare";
import type { ResolvedParams } from "../params";

const alignRight = (count: number, values: readonly number[]): Series =>
  Array.from({ length: count }, (_, i) => {
    const v = values[i - (count - values.length)];
    return v === undefined ? null : { value: v };
  });

const added = (
  indicator: { add(x: number): number | null },
  prices: number[],
): Series =>
  prices.map((x) => {
    const v = indicator.add(x);
    return v === null ? null : { value: v };
  });

export const SECOND_OPINION_KINDS = ["sma", "wma", "bollinger", "rsi"] as const;

export function secondReference(
  kind: (typeof SECOND_OPINION_KINDS)[number] & IndicatorKind,
  bars: readonly OhlcvBar[],
  p: ResolvedParams,
): Series {
  const prices = bars.map((bar) => priceOf(bar, p.source));
  switch (kind) {
    case "sma":
      return added(new ts.SMA(p.period), prices);
    case "wma":
      return added(new ts.WMA(p.period), prices);
    case "rsi":
      return alignRight(
        prices.length,
        ti.RSI.calculate({ period: p.period, values: prices }),
      );
    case "bollinger": {
      const out = ti.BollingerBands.calculate({
        period: p.period,
        stdDev: p.stdDev,
        values: prices,
      });
      const pad = prices.length - out.length;
      return prices.map((_, i) => {
        const v = out[i - pad];
        return v === undefined
          ? null
          : { upper: v.upper, middle: v.middle, lower: v.lower };
      });
    }
  }
}
