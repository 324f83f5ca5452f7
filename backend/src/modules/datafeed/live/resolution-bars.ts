import type { Bar } from "@tradewire/client";
import type {
  CatalogEntry,
  MarketBar,
  MinuteBar,
  ParsedResolution,
} from "../market";
import { FormingBar } from "./forming-bar";

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
    this.forming = new FormingBar(entry, resolution);
    this.bucketStart = this.forming.periods.startOf(minuteStart);
  }

  /** Start (UTC ms) of the bucket in progress. */
  get bucket(): number {
    return this.bucketStart;
  }

  /** Where to read closed minutes from for the bucket in progress and its session's VWAP. */
  readStart(minuteStart: number): number {
    return this.forming.periods.readStart(minuteStart);
  }

  /** Fold closed minutes (ascending) and move to the feed's minute; returns the bars that closed. */
  advance(minutes: readonly MinuteBar[], minuteStart: number): Bar[] {
    const closed: Bar[] = [];
    for (const minute of minutes) {
      const bucket = this.forming.periods.startOf(minute.time);
      if (bucket < this.bucketStart) {
        this.forming.vwap.add(minute);
        continue;
      }
      this.moveTo(bucket, closed);
      this.forming.addClosed(minute);
    }
    this.moveTo(this.forming.periods.startOf(minuteStart), closed);
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
    // The session VWAP runs on across bars.
    this.forming = new FormingBar(
      this.entry,
      this.resolution,
      this.forming.vwap,
    );
    this.bucketStart = bucket;
  }
}
