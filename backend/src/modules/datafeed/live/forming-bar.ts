import type { Bar } from "@tradewire/client";
import {
  Periods,
  SessionVwap,
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

/**
 * The forming bar of one resolution: the closed minutes of its bucket, folded as they close, plus
 * the minute in progress. Its time only moves forward, so what is published only ever updates the
 * last bar or appends a newer one. It carries the session VWAP at its newest minute; `vwap` is
 * shared with the bars that come after it, as the session runs across them.
 */
export class FormingBar {
  private bucket = Number.NEGATIVE_INFINITY;
  private completed: MarketBar | null = null;
  private newest: MarketBar | null = null;
  readonly periods: Periods;
  readonly vwap: SessionVwap;

  constructor(
    readonly entry: CatalogEntry,
    readonly resolution: ParsedResolution,
    vwap?: SessionVwap,
  ) {
    this.periods = vwap ? vwap.periods : new Periods(entry, resolution);
    this.vwap = vwap ?? new SessionVwap(this.periods);
  }

  /** Closed minutes, ascending; older buckets than the current one only feed the VWAP. */
  addClosed(bar: MarketBar): void {
    this.vwap.add(bar);
    const bucket = this.periods.startOf(bar.time);
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
    this.newest = bar;
  }

  /** The bar as it stands, given the minute in progress (null when it has no trade yet). */
  current(partial: MarketBar | null): Bar | null {
    let bar = this.completed;
    let newest = this.newest;
    let includeNewest = false;
    if (partial) {
      const bucket = this.periods.startOf(partial.time);
      const asBucket = { ...partial, time: bucket };
      if (bucket >= this.bucket) {
        bar =
          bucket === this.bucket && bar ? mergeBars(bar, asBucket) : asBucket;
        newest = partial;
        includeNewest = true;
      }
    }
    if (!bar || !newest) return null;
    return {
      time: bar.time,
      open: bar.open,
      high: bar.high,
      low: bar.low,
      close: bar.close,
      volume: bar.volume,
      vwap: this.vwap.at(newest, includeNewest),
    };
  }
}
