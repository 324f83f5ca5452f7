import type { Bar } from "@tradewire/client";
import {
  bucketStart,
  tradingDay,
  type CatalogEntry,
  type MarketBar,
  type ParsedResolution,
} from "../market";

/** Later bar `b` folded into `a`: the bar of both periods together. */
export function mergeBars(a: MarketBar, b: MarketBar): MarketBar {
  const volume = a.volume + b.volume;
  return {
    time: a.time,
    open: a.open,
    high: Math.max(a.high, b.high),
    low: Math.min(a.low, b.low),
    close: b.close,
    volume,
    vwap:
      volume > 0 ? (a.vwap * a.volume + b.vwap * b.volume) / volume : b.vwap,
    trades: a.trades + b.trades,
  };
}

/** The bucket of `resolution` a 1-minute bar at `time` belongs to (daily and longer by trading day). */
export function bucketOf(
  entry: CatalogEntry,
  resolution: ParsedResolution,
  time: number,
): number {
  return bucketStart(
    resolution,
    resolution.unit === "minute" ? time : tradingDay(entry, time),
  );
}

/**
 * The forming bar of one resolution: the closed minutes of its bucket, folded as they close, plus
 * the minute in progress. Its time only moves forward, so what is published only ever updates the
 * last bar or appends a newer one.
 */
export class FormingBar {
  private bucket = Number.NEGATIVE_INFINITY;
  private completed: MarketBar | null = null;

  constructor(
    readonly entry: CatalogEntry,
    readonly resolution: ParsedResolution,
  ) {}

  /** Closed minutes, ascending; older buckets than the current one are ignored. */
  addClosed(bar: MarketBar): void {
    const bucket = bucketOf(this.entry, this.resolution, bar.time);
    if (bucket < this.bucket) return;
    const asBucket = { ...bar, time: bucket };
    if (bucket > this.bucket) {
      this.bucket = bucket;
      this.completed = asBucket;
    } else {
      this.completed = this.completed
        ? mergeBars(this.completed, asBucket)
        : asBucket;
    }
  }

  /** The bar as it stands, given the minute in progress (null when it has no trade yet). */
  current(partial: MarketBar | null): Bar | null {
    let bar = this.completed;
    if (partial) {
      const bucket = bucketOf(this.entry, this.resolution, partial.time);
      const asBucket = { ...partial, time: bucket };
      if (bucket > this.bucket) bar = asBucket;
      else if (bucket === this.bucket)
        bar = bar ? mergeBars(bar, asBucket) : asBucket;
    }
    return bar
      ? {
          time: bar.time,
          open: bar.open,
          high: bar.high,
          low: bar.low,
          close: bar.close,
          volume: bar.volume,
        }
      : null;
  }
}
