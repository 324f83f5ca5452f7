import type {
  IndicatorKind,
  IndicatorLine,
  IndicatorParams,
  IndicatorSource,
} from "./indicator";

/** A parameter the picker lets the trader edit, with the server's default and bounds. */
export interface ParamSpec {
  readonly name: "period" | "fast" | "slow" | "signal" | "stdDev";
  readonly label: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

export interface LineSpec {
  readonly line: IndicatorLine;
  readonly color: string;
  readonly histogram?: boolean;
}

export interface IndicatorSpec {
  readonly kind: IndicatorKind;
  readonly label: string;
  /** Overlays share the price pane; oscillators get a pane of their own below it. */
  readonly placement: "overlay" | "pane";
  readonly params: readonly ParamSpec[];
  /** True when the kind reads a bar price chosen by `source`. */
  readonly source: boolean;
  readonly lines: readonly LineSpec[];
  /** Reference levels drawn in the pane (RSI 30/70, stochastic 20/80). */
  readonly levels?: readonly number[];
}

const period = (value: number): ParamSpec => ({
  name: "period",
  label: "Period",
  default: value,
  min: 1,
  max: 500,
  step: 1,
});
const whole = (name: ParamSpec["name"], label: string, value: number) => ({
  ...period(value),
  name,
  label,
});
const value = (color: string): LineSpec[] => [{ line: "value", color }];

export const SOURCES: readonly IndicatorSource[] = [
  "close",
  "open",
  "high",
  "low",
  "hl2",
  "hlc3",
  "ohlc4",
];

/** Every kind the `indicators` channel serves, with the defaults the spec gives them. */
export const INDICATORS: readonly IndicatorSpec[] = [
  {
    kind: "sma",
    label: "SMA",
    placement: "overlay",
    params: [period(20)],
    source: true,
    lines: value("#f5c542"),
  },
  {
    kind: "ema",
    label: "EMA",
    placement: "overlay",
    params: [period(20)],
    source: true,
    lines: value("#42a5f5"),
  },
  {
    kind: "wma",
    label: "WMA",
    placement: "overlay",
    params: [period(20)],
    source: true,
    lines: value("#ab47bc"),
  },
  {
    kind: "bollinger",
    label: "Bollinger Bands",
    placement: "overlay",
    params: [
      period(20),
      {
        name: "stdDev",
        label: "Std dev",
        default: 2,
        min: 0.1,
        max: 10,
        step: 0.1,
      },
    ],
    source: true,
    lines: [
      { line: "upper", color: "#7e57c2" },
      { line: "middle", color: "#ffb74d" },
      { line: "lower", color: "#7e57c2" },
    ],
  },
  {
    kind: "vwap",
    label: "VWAP",
    placement: "overlay",
    params: [],
    source: false,
    lines: value("#26c6da"),
  },
  {
    kind: "rsi",
    label: "RSI",
    placement: "pane",
    params: [period(14)],
    source: true,
    lines: value("#ba68c8"),
    levels: [30, 70],
  },
  {
    kind: "macd",
    label: "MACD",
    placement: "pane",
    params: [
      whole("fast", "Fast", 12),
      whole("slow", "Slow", 26),
      whole("signal", "Signal", 9),
    ],
    source: true,
    lines: [
      { line: "histogram", color: "#607d8b", histogram: true },
      { line: "macd", color: "#42a5f5" },
      { line: "signal", color: "#ff7043" },
    ],
  },
  {
    kind: "atr",
    label: "ATR",
    placement: "pane",
    params: [period(14)],
    source: false,
    lines: value("#ef5350"),
  },
  {
    kind: "stochastic",
    label: "Stochastic",
    placement: "pane",
    params: [period(14), whole("signal", "%D", 3)],
    source: false,
    lines: [
      { line: "k", color: "#42a5f5" },
      { line: "d", color: "#ff7043" },
    ],
    levels: [20, 80],
  },
  {
    kind: "obv",
    label: "OBV",
    placement: "pane",
    params: [],
    source: false,
    lines: value("#8d6e63"),
  },
];

export function indicatorSpec(kind: IndicatorKind): IndicatorSpec {
  const spec = INDICATORS.find((s) => s.kind === kind);
  if (!spec) throw new Error(`unknown indicator ${kind}`);
  return spec;
}

/** The kind's default parameters, as the picker starts them. */
export function defaultParams(kind: IndicatorKind): IndicatorParams {
  const params: Record<string, number> = {};
  for (const p of indicatorSpec(kind).params) params[p.name] = p.default;
  return params;
}

/** Only the parameters the kind accepts, each within its bounds (the server refuses others). */
export function cleanParams(
  kind: IndicatorKind,
  params: IndicatorParams,
): IndicatorParams {
  const spec = indicatorSpec(kind);
  const clean: Record<string, number | string> = {};
  for (const p of spec.params) {
    const raw = Number(params[p.name] ?? p.default);
    const bounded = Math.min(
      p.max,
      Math.max(p.min, Number.isFinite(raw) ? raw : p.default),
    );
    clean[p.name] = p.step >= 1 ? Math.round(bounded) : bounded;
  }
  if (spec.kind === "macd" && Number(clean.fast) >= Number(clean.slow))
    clean.slow = Math.min(500, Number(clean.fast) + 1);
  if (spec.source && params.source && SOURCES.includes(params.source))
    clean.source = params.source;
  return clean;
}

/** What the legend calls a study: "RSI 14", "MACD 12 26 9", "VWAP". */
export function studyLabel(
  kind: IndicatorKind,
  params: IndicatorParams,
): string {
  const spec = indicatorSpec(kind);
  const numbers = spec.params.map((p) => String(params[p.name] ?? p.default));
  const source =
    params.source && params.source !== "close" ? [params.source] : [];
  return [spec.label, ...numbers, ...source].join(" ");
}
