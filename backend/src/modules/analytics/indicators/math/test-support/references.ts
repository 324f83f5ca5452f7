// Reference values from two independent maintained libraries, aligned to bar indexes (null while
// the reference is warming up). technicalindicators rounds only when its `precision` config is set
// (it is not: see the reference test) but its RSI always rounds to 2 decimals, so RSI, ATR and
// stochastic come from trading-signals, whose EMA seeds with the first price instead of an SMA,
// so EMA and MACD come from technicalindicators.
import * as ti from "technicalindicators";
import * as ts from "trading-signals";
import { priceOf } from "../source";
import type { Series } from "./compare";
import type { IndicatorKind, IndicatorLines, OhlcvBar } from "../types";
import type { ResolvedParams } from "../params";

export type { Series } from "./compare";

/** Right-aligns a technicalindicators result (it returns only the defined values). */
function alignRight<T>(
  count: number,
  values: readonly T[],
  lines: (v: T) => IndicatorLines,
): Series {
  const pad = count - values.length;
  return Array.from({ length: count }, (_, i) => {
    const v = values[i - pad];
    return i < pad || v === undefined ? null : lines(v);
  });
}

const asValue = (value: number): IndicatorLines => ({ value });

function macd(bars: readonly OhlcvBar[], p: ResolvedParams): Series {
  const values = bars.map((bar) => priceOf(bar, p.source));
  const out = ti.MACD.calculate({
    values,
    fastPeriod: p.fast,
    slowPeriod: p.slow,
    signalPeriod: p.signal,
    SimpleMAOscillator: false,
    SimpleMASignal: false,
  });
  return alignRight(bars.length, out, (v): IndicatorLines =>
    v.signal === undefined || v.histogram === undefined
      ? { macd: v.MACD ?? NaN }
      : { macd: v.MACD ?? NaN, signal: v.signal, histogram: v.histogram },
  );
}

function stochastic(bars: readonly OhlcvBar[], p: ResolvedParams): Series {
  const oscillator = new ts.StochasticOscillator({
    kPeriod: p.period,
    kSlowingPeriod: 1,
    dPeriod: p.signal,
  });
  return bars.map((bar) => {
    const v = oscillator.add(bar);
    return v === null ? null : { k: v.stochK, d: v.stochD };
  });
}

function bollinger(bars: readonly OhlcvBar[], p: ResolvedParams): Series {
  const bands = new ts.BollingerBands(p.period, p.stdDev);
  return bars.map((bar) => {
    const v = bands.add(priceOf(bar, p.source));
    return v === null
      ? null
      : { upper: v.upper, middle: v.middle, lower: v.lower };
  });
}

/** One series per indicator kind, from the reference named in the file comment. */
export function reference(
  kind: IndicatorKind,
  bars: readonly OhlcvBar[],
  p: ResolvedParams,
): Series {
  const prices = bars.map((bar) => priceOf(bar, p.source));
  const n = bars.length;
  const each = (indicator: { add(x: number): number | null }) =>
    prices.map((x) => {
      const v = indicator.add(x);
      return v === null ? null : asValue(v);
    });
  switch (kind) {
    case "sma":
      return alignRight(
        n,
        ti.SMA.calculate({ period: p.period, values: prices }),
        asValue,
      );
    case "ema":
      return alignRight(
        n,
        ti.EMA.calculate({ period: p.period, values: prices }),
        asValue,
      );
    case "wma":
      return alignRight(
        n,
        ti.WMA.calculate({ period: p.period, values: prices }),
        asValue,
      );
    case "rsi":
      return each(new ts.RSI(p.period));
    case "macd":
      return macd(bars, p);
    case "bollinger":
      return bollinger(bars, p);
    case "atr": {
      const atr = new ts.ATR(p.period);
      return bars.map((bar) => {
        const v = atr.add(bar);
        return v === null ? null : asValue(v);
      });
    }
    case "stochastic":
      return stochastic(bars, p);
    case "vwap":
      return alignRight(n, ti.VWAP.calculate(columns(bars)), asValue);
    case "obv":
      return alignRight(n, ti.OBV.calculate(columns(bars)), asValue);
  }
}

const columns = (bars: readonly OhlcvBar[]) => ({
  open: bars.map((b) => b.open),
  high: bars.map((b) => b.high),
  low: bars.map((b) => b.low),
  close: bars.map((b) => b.close),
  volume: bars.map((b) => b.volume),
});
