import type { IndicatorKind, IndicatorParams, PriceSource } from "./types";

export const INDICATOR_KINDS: readonly IndicatorKind[] = [
  "sma",
  "ema",
  "wma",
  "rsi",
  "macd",
  "bollinger",
  "atr",
  "stochastic",
  "vwap",
  "obv",
];

export const PRICE_SOURCES: readonly PriceSource[] = [
  "close",
  "open",
  "high",
  "low",
  "hl2",
  "hlc3",
  "ohlc4",
];

export const PERIOD_MAX = 500;
export const STD_DEV_MIN = 0.1;
export const STD_DEV_MAX = 10;

type ParamName = keyof IndicatorParams;

const TAKES: Record<IndicatorKind, readonly ParamName[]> = {
  sma: ["period", "source"],
  ema: ["period", "source"],
  wma: ["period", "source"],
  rsi: ["period", "source"],
  macd: ["fast", "slow", "signal", "source"],
  bollinger: ["period", "stdDev", "source"],
  atr: ["period"],
  stochastic: ["period", "signal"],
  vwap: [],
  obv: [],
};

/** Every parameter with its default filled in (each kind reads only its own). */
export type ResolvedParams = Required<IndicatorParams>;

export function resolveParams(
  kind: IndicatorKind,
  params: IndicatorParams,
): ResolvedParams {
  return {
    period:
      params.period ??
      (kind === "rsi" || kind === "atr" || kind === "stochastic" ? 14 : 20),
    fast: params.fast ?? 12,
    slow: params.slow ?? 26,
    signal: params.signal ?? (kind === "stochastic" ? 3 : 9),
    stdDev: params.stdDev ?? 2,
    source: params.source ?? "close",
  };
}

const TAKES_ANY: Record<ParamName, true> = {
  period: true,
  fast: true,
  slow: true,
  signal: true,
  stdDev: true,
  source: true,
};

const isKind = (kind: unknown): kind is IndicatorKind =>
  INDICATOR_KINDS.includes(kind as IndicatorKind);

// Quoted and cut short: names come from clients and end up in error messages.
const quote = (text: string): string => JSON.stringify(text.slice(0, 40));

function checkValue(name: ParamName, value: unknown): string | null {
  if (value === undefined) return null;
  if (name === "source")
    return PRICE_SOURCES.includes(value as PriceSource)
      ? null
      : `source must be one of ${PRICE_SOURCES.join(", ")}`;
  if (name === "stdDev")
    return typeof value === "number" &&
      value >= STD_DEV_MIN &&
      value <= STD_DEV_MAX
      ? null
      : `stdDev must be a number ${STD_DEV_MIN}..${STD_DEV_MAX}`;
  return Number.isInteger(value) &&
    (value as number) >= 1 &&
    (value as number) <= PERIOD_MAX
    ? null
    : `${name} must be an integer 1..${PERIOD_MAX}`;
}

/**
 * Validates params for a kind; returns null when valid, else a clear human reason. Safe on
 * anything a client sends: unknown kinds, non-objects, foreign keys, NaN, huge numbers, strings.
 */
export function checkParams(
  kind: IndicatorKind,
  params: IndicatorParams,
): string | null {
  if (!isKind(kind))
    return `unknown indicator kind ${typeof kind === "string" ? quote(kind) : `(a ${typeof kind})`}`;
  if (typeof params !== "object" || params === null || Array.isArray(params))
    return "params must be an object";
  const takes = TAKES[kind];
  for (const [name, value] of Object.entries(params)) {
    if (!(takes as readonly string[]).includes(name))
      return Object.hasOwn(TAKES_ANY, name)
        ? `${kind} does not take ${name}`
        : `unknown parameter ${quote(name)}`;
    const reason = checkValue(name as ParamName, value);
    if (reason !== null) return reason;
  }
  if (kind === "macd") {
    const { fast, slow } = resolveParams(kind, params);
    if (fast >= slow) return "macd: fast must be < slow";
  }
  return null;
}
