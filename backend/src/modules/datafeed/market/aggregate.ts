import {
  bucketStart,
  requireResolution,
  type ParsedResolution,
} from "./resolution";
import type { MarketBar, Trade } from "./types";

/**
 * Bars from finer bars or from trades. Buckets follow `bucketStart` (UTC alignment); a bucket with
 * no input produces no bar, so gaps stay gaps.
 */

export interface AggregateOptions {
  /**
   * Day, week and month resolutions only: the day (00:00 UTC of a date) an input counts toward.
   * Defaults to its UTC day. Pass `(t) => tradingDay(entry, t)` to cut daily bars at the symbol's
   * own trading day, which differs from the UTC day for FX and CME futures (their sessions start
   * the evening before).
   */
  readonly dayOf?: (timeMs: number) => number;
}

type BucketOf = (timeMs: number) => number;

function bucketer(
  resolution: string | ParsedResolution,
  options: AggregateOptions,
): BucketOf {
  const parsed = requireResolution(resolution);
  const { dayOf } = options;
  if (parsed.unit === "minute" || dayOf === undefined) {
    return (time) => bucketStart(parsed, time);
  }
  return (time) => bucketStart(parsed, dayOf(time));
}

/**
 * Bars of `resolution` from ascending bars of a finer resolution whose buckets nest in it (1-minute
 * bars into anything). Open is the first open, close the last close, high and low the extremes,
 * volume and trades add up, and VWAP is volume-weighted: sum(vwap * volume) / sum(volume).
 */
export function aggregateBars(
  bars: readonly MarketBar[],
  resolution: string | ParsedResolution,
  options: AggregateOptions = {},
): MarketBar[] {
  const bucketOf = bucketer(resolution, options);
  const out: MarketBar[] = [];
  let current: MarketBar | null = null;
  let notional = 0;
  for (const bar of bars) {
    const start = bucketOf(bar.time);
    if (current === null || start !== current.time) {
      if (current !== null) {
        if (start < current.time) throw unsorted(bar.time);
        finishVwap(current, notional);
      }
      current = { ...bar, time: start };
      notional = bar.vwap * bar.volume;
      out.push(current);
      continue;
    }
    if (bar.high > current.high) current.high = bar.high;
    if (bar.low < current.low) current.low = bar.low;
    current.close = bar.close;
    current.volume += bar.volume;
    current.trades += bar.trades;
    current.vwap = bar.vwap;
    notional += bar.vwap * bar.volume;
  }
  if (current !== null) finishVwap(current, notional);
  return out;
}

/** Bars of `resolution` straight from ascending trades. */
export function barsFromTrades(
  trades: readonly Pick<Trade, "time" | "price" | "size">[],
  resolution: string | ParsedResolution,
  options: AggregateOptions = {},
): MarketBar[] {
  const bucketOf = bucketer(resolution, options);
  const out: MarketBar[] = [];
  let current: MarketBar | null = null;
  let notional = 0;
  for (const trade of trades) {
    const start = bucketOf(trade.time);
    if (current === null || start !== current.time) {
      if (current !== null) {
        if (start < current.time) throw unsorted(trade.time);
        finishVwap(current, notional);
      }
      const { price, size } = trade;
      current = {
        time: start,
        open: price,
        high: price,
        low: price,
        close: price,
        volume: size,
        vwap: price,
        trades: 1,
      };
      notional = price * size;
      out.push(current);
      continue;
    }
    if (trade.price > current.high) current.high = trade.price;
    if (trade.price < current.low) current.low = trade.price;
    current.close = trade.price;
    current.volume += trade.size;
    current.trades += 1;
    notional += trade.price * trade.size;
  }
  if (current !== null) finishVwap(current, notional);
  return out;
}

/** Without volume there is nothing to weight by: the VWAP stays the last one seen. */
function finishVwap(bar: MarketBar, notional: number): void {
  if (bar.volume > 0) bar.vwap = notional / bar.volume;
}

function unsorted(time: number): RangeError {
  return new RangeError(`input is not ascending at ${time}`);
}
