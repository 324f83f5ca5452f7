// Indicator values recomputed by independent libraries, for comparing with what the server sends.
// technicalindicators everywhere but RSI (it rounds to 2 decimals), ATR (it skips the first bar's
// true range) and the stochastic (no %K slowing of 1): those come from trading-signals. Prices
// are closes (the server's default source).
import type { Bar, IndicatorLines } from "@tradewire/client";
import * as ti from "technicalindicators";
import * as ts from "trading-signals";

export interface Study {
  readonly kind: string;
  readonly params: Record<string, number>;
}

/** Values by bar time; bars still warming up in the reference are absent. */
export type ReferenceSeries = Map<number, IndicatorLines>;

const right = <T>(
  bars: readonly Bar[],
  values: readonly T[],
  lines: (v: T) => IndicatorLines | null,
): ReferenceSeries => {
  const out: ReferenceSeries = new Map();
  const pad = bars.length - values.length;
  values.forEach((v, i) => {
    const l = lines(v);
    if (l) out.set((bars[i + pad] as Bar).time, l);
  });
  return out;
};

const each = (
  bars: readonly Bar[],
  add: (bar: Bar) => IndicatorLines | null,
): ReferenceSeries => right(bars, bars.map(add), (l) => l);

const columns = (bars: readonly Bar[]) => ({
  open: bars.map((b) => b.open),
  high: bars.map((b) => b.high),
  low: bars.map((b) => b.low),
  close: bars.map((b) => b.close),
  volume: bars.map((b) => b.volume),
});

/** The reference series of `study` over `bars` (ascending; VWAP: bars of one session). */
export function referenceSeries(
  study: Study,
  bars: readonly Bar[],
): ReferenceSeries {
  const p = study.params;
  const values = bars.map((b) => b.close);
  const value = (v: number): IndicatorLines => ({ value: v });
  switch (study.kind) {
    case "sma":
      return right(
        bars,
        ti.SMA.calculate({ period: p.period ?? 20, values }),
        value,
      );
    case "ema":
      return right(
        bars,
        ti.EMA.calculate({ period: p.period ?? 20, values }),
        value,
      );
    case "wma":
      return right(
        bars,
        ti.WMA.calculate({ period: p.period ?? 20, values }),
        value,
      );
    case "rsi": {
      const rsi = new ts.RSI(p.period ?? 14);
      return each(bars, (b) => {
        const v = rsi.add(b.close);
        return v === null ? null : value(v);
      });
    }
    case "macd":
      return right(
        bars,
        ti.MACD.calculate({
          values,
          fastPeriod: p.fast ?? 12,
          slowPeriod: p.slow ?? 26,
          signalPeriod: p.signal ?? 9,
          SimpleMAOscillator: false,
          SimpleMASignal: false,
        }),
        (v) =>
          v.signal === undefined || v.histogram === undefined
            ? { macd: v.MACD ?? NaN }
            : { macd: v.MACD ?? NaN, signal: v.signal, histogram: v.histogram },
      );
    case "bollinger":
      return right(
        bars,
        ti.BollingerBands.calculate({
          period: p.period ?? 20,
          stdDev: p.stdDev ?? 2,
          values,
        }),
        (v) => ({ upper: v.upper, middle: v.middle, lower: v.lower }),
      );
    case "atr": {
      const atr = new ts.ATR(p.period ?? 14);
      return each(bars, (b) => {
        const v = atr.add(b);
        return v === null ? null : value(v);
      });
    }
    case "stochastic": {
      const st = new ts.StochasticOscillator({
        kPeriod: p.period ?? 14,
        kSlowingPeriod: 1,
        dPeriod: p.signal ?? 3,
      });
      return each(bars, (b) => {
        const v = st.add(b);
        return v === null ? null : { k: v.stochK, d: v.stochD };
      });
    }
    case "vwap":
      return right(bars, ti.VWAP.calculate(columns(bars)), value);
    case "obv":
      return right(bars, ti.OBV.calculate(columns(bars)), value);
    default:
      throw new Error(`no reference for ${study.kind}`);
  }
}

/** Relative tolerance of a comparison (floor 1 on the scale): far below any difference of definition. */
export const TOLERANCE = 1e-7;

/** Lines that differ beyond TOLERANCE, as readable strings; [] when all agree. */
export function differences(
  time: number,
  got: IndicatorLines,
  want: IndicatorLines | undefined,
): string[] {
  if (!want) return [`${time}: no reference value, got ${JSON.stringify(got)}`];
  const keys = new Set([...Object.keys(got), ...Object.keys(want)]);
  const out: string[] = [];
  for (const k of keys) {
    const a = got[k as keyof IndicatorLines];
    const b = want[k as keyof IndicatorLines];
    if (
      a === undefined ||
      b === undefined ||
      Math.abs(a - b) > TOLERANCE * Math.max(1, Math.abs(b))
    )
      out.push(`${time} ${k}: got ${a}, reference ${b}`);
  }
  return out;
}
