// The indicator engine's public types (re-exported by index.ts). Pure data: no I/O anywhere here.

import type {
  Bar,
  IndicatorKind,
  IndicatorParams,
  IndicatorSource,
} from "@tradewire/client";

// The kinds, parameters and price sources are the spec's (specs/schemas/analytics.yaml).
export type { IndicatorKind, IndicatorParams };
export type PriceSource = IndicatorSource;

/** The math's input: a spec `Bar`, read-only. */
export type OhlcvBar = Readonly<Bar>;

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
