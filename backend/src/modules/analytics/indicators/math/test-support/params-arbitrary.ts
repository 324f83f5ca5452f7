// fast-check parameter sets per kind, within checkParams' bounds and small enough to warm up.
import fc from "fast-check";
import { PRICE_SOURCES } from "../params";
import type { IndicatorKind, IndicatorParams } from "../types";

const period = fc.integer({ min: 1, max: 60 });
const source = fc.constantFrom(...PRICE_SOURCES);

export const PARAMS: Record<IndicatorKind, fc.Arbitrary<IndicatorParams>> = {
  sma: fc.record({ period, source }),
  ema: fc.record({ period, source }),
  wma: fc.record({ period, source }),
  // trading-signals' RSI never yields with period 1 (see the period-1 test in rsi.test.ts).
  rsi: fc.record({ period: fc.integer({ min: 2, max: 60 }), source }),
  macd: fc
    .tuple(
      fc.integer({ min: 1, max: 30 }),
      fc.integer({ min: 1, max: 40 }),
      period,
      source,
    )
    .map(([fast, gap, signal, source]) => ({
      fast,
      slow: fast + gap,
      signal,
      source,
    })),
  bollinger: fc.record({
    period,
    stdDev: fc.double({ min: 0.1, max: 10, noNaN: true }),
    source,
  }),
  atr: fc.record({ period }),
  stochastic: fc.record({ period, signal: fc.integer({ min: 1, max: 20 }) }),
  vwap: fc.constant({}),
  obv: fc.constant({}),
};
