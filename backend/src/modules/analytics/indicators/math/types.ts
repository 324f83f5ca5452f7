// The indicator engine's public types (re-exported by index.ts). Pure data: no I/O anywhere here.

export type IndicatorKind =
  | "sma"
  | "ema"
  | "wma"
  | "rsi"
  | "macd"
  | "bollinger"
  | "atr"
  | "stochastic"
  | "vwap"
  | "obv";

export type PriceSource =
  "close" | "open" | "high" | "low" | "hl2" | "hlc3" | "ohlc4";

/** Parameters; each kind reads only the ones it uses (defaults in brackets). */
export interface IndicatorParams {
  period?: number; // sma/ema/wma [20], rsi [14], bollinger [20], atr [14], stochastic %K lookback [14]
  fast?: number; // macd [12]
  slow?: number; // macd [26]
  signal?: number; // macd [9], stochastic %D smoothing [3]
  stdDev?: number; // bollinger band width in standard deviations [2]
  source?: PriceSource; // sma/ema/wma/bollinger/rsi/macd input [close]
}

// The math's input shape: any spec `Bar` is assignable to it (structural subset, read-only).
export interface OhlcvBar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** One point: line name -> value, e.g. {value}, {macd, signal, histogram}, {upper, middle, lower}, {k, d}. */
export type IndicatorLines = Record<string, number>;

export interface Indicator {
  /** The line names this indicator produces, in display order. */
  readonly lines: readonly string[];
  /** Closed bars needed before the first value (the value at bar index warmup-1 is the first one). */
  readonly warmup: number;
  /** Apply a CLOSED bar (commits state); returns the value at that bar, or null while warming up. O(1) amortized. */
  push(bar: OhlcvBar): IndicatorLines | null;
  /** The value the FORMING bar would give if it closed now; never changes state. O(1). */
  peek(bar: OhlcvBar): IndicatorLines | null;
}

export interface IndicatorOptions {
  /** For session VWAP: the start (UTC ms) of the trading session containing `time`; VWAP resets when it changes. Default: UTC day. */
  sessionStart?: (time: number) => number;
}
