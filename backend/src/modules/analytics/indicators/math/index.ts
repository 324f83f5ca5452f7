// The incremental indicator engine: pure math over closed and forming bars, no I/O.
// Definitions, warm-ups and defaults: docs/indicators.md.
import { createAtr } from "./atr";
import { guarded } from "./bar-check";
import { createBollinger } from "./bollinger";
import { createMacd } from "./macd";
import { createEma, createSma, createWma } from "./moving-averages";
import { checkParams, resolveParams, type ResolvedParams } from "./params";
import { createRsi } from "./rsi";
import { createStochastic } from "./stochastic";
import type {
  Indicator,
  IndicatorKind,
  IndicatorOptions,
  IndicatorParams,
} from "./types";
import { createObv, createVwap } from "./volume";

export type {
  Indicator,
  IndicatorKind,
  IndicatorLines,
  IndicatorOptions,
  IndicatorParams,
  OhlcvBar,
  PriceSource,
} from "./types";
export {
  checkParams,
  INDICATOR_KINDS,
  PERIOD_MAX,
  PRICE_SOURCES,
} from "./params";
export { utcDayStart } from "./volume";
export { checkBar } from "./bar-check";

/**
 * A fresh indicator of `kind`. Throws a RangeError with checkParams' reason when the params are
 * invalid: callers facing clients should call checkParams first and answer with its reason.
 * push and peek throw a RangeError, changing nothing, for a bar with a non-finite field or a
 * negative volume (checkBar says why).
 */
export function createIndicator(
  kind: IndicatorKind,
  params: IndicatorParams,
  options: IndicatorOptions = {},
): Indicator {
  const reason = checkParams(kind, params);
  if (reason !== null) throw new RangeError(reason);
  return guarded(build(kind, resolveParams(kind, params), options));
}

function build(
  kind: IndicatorKind,
  p: ResolvedParams,
  options: IndicatorOptions,
): Indicator {
  switch (kind) {
    case "sma":
      return createSma(p.period, p.source);
    case "ema":
      return createEma(p.period, p.source);
    case "wma":
      return createWma(p.period, p.source);
    case "rsi":
      return createRsi(p.period, p.source);
    case "macd":
      return createMacd(p, p.source);
    case "bollinger":
      return createBollinger(p.period, p.stdDev, p.source);
    case "atr":
      return createAtr(p.period);
    case "stochastic":
      return createStochastic(p.period, p.signal);
    case "vwap":
      return createVwap(options);
    case "obv":
      return createObv();
  }
}
