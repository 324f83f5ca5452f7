import type { Bar } from "@tradewire/client";
import type {
  CatalogEntry,
  MarketBar,
  MinuteBar,
  ParsedResolution,
} from "../market";
import { bucketOf, FormingBar } from "./forming-bar";

/**
 * One symbol's closed minutes folded into bars of one resolution. A bar closes when the feed's
 * minute leaves its bucket: every minute of it is closed and stored then, so the closed bar is the
 * one /bars aggregates from the store.
 */
export class ResolutionBars {
  private bucketStart: number;
  private forming: FormingBar;

  constructor(
    private readonly entry: CatalogEntry,
    private readonly resolution: ParsedResolution,
    minuteStart: number,
  ) {
    this.bucketStart = bucketOf(entry, resolution, minuteStart);
    this.forming = new FormingBar(entry, resolution);
  }

  /** Start (UTC ms) of the bucket in progress. */
  get bucket(): number {
    return this.bucketStart;
  }

  /** Fold closed minutes (ascending) and move to the feed's minute; returns the bars that closed. */
  advance(minutes: readonly MinuteBar[], minuteStart: number): Bar[] {
    const closed: Bar[] = [];
    for (const minute of minutes) {
      const bucket = bucketOf(this.entry, this.resolution, minute.time);
      if (bucket < this.bucketStart) continue;
      this.moveTo(bucket, closed);
      this.forming.addClosed(minute);
    }
    this.moveTo(bucketOf(this.entry, this.resolution, minuteStart), closed);
    return closed;
  }

  /** The forming bar given the minute in progress; null before the bucket's first trade. */
  current(partial: MarketBar | null): Bar | null {
    return this.forming.current(partial);
  }

  private moveTo(bucket: number, closed: Bar[]): void {
    if (bucket <= this.bucketStart) return;
    const bar = this.forming.current(null);
    if (bar) closed.push(bar);
    this.forming = new FormingBar(this.entry, this.resolution);
    this.bucketStart = bucket;
  }
}
