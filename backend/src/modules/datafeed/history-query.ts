import { DAY_MS, MINUTE_MS } from "@tradewire/client";
import type { Clock } from "../../clock";
import type { BarHistory } from "./bar-history";
import {
  ContinuousMinutes,
  type MinuteSource,
} from "./continuous/continuous-minutes";
import type { ContinuousSeries } from "./continuous/continuous-series";
import { bucketOf } from "./live/forming-bar";
import {
  aggregateBars,
  tradingDay,
  type CatalogEntry,
  type MarketBar,
  type ParsedResolution,
} from "./market";
import type { SeriesOptions } from "./series-options";
import type { StoredBar } from "./store/bar-store";

/** Most bars one request may ask for, by range or by countback (the spec's countback maximum). */
export const MAX_BARS = 20_000;
/** Most 1-minute rows read per chunk while walking back for a countback. */
const MAX_CHUNK = 200_000;

export interface HistoryResult {
  readonly bars: MarketBar[];
  /** When `bars` is empty: time (UTC ms) of the newest bar before the range, if there is one. */
  readonly nextTime: number | null;
}

/** Bars of any resolution from the stored 1-minute history, as /history and /bars serve them. */
export class HistoryQuery {
  constructor(
    private readonly history: BarHistory,
    private readonly clock: Clock,
    private readonly continuous?: ContinuousSeries,
  ) {}

  /**
   * Bars with fromMs <= time < toMs, or, when `countback` is given, the `countback` bars before
   * `toMs` whatever `from` says (the Charting Library's rule). The history is brought up to the
   * last closed minute first, so a symbol nobody watched still has no gap.
   */
  async bars(
    entry: CatalogEntry,
    resolution: ParsedResolution,
    fromMs: number,
    toMs: number,
    countback?: number,
    options: SeriesOptions = {},
  ): Promise<HistoryResult> {
    const closedUntil =
      Math.floor(Math.min(toMs, this.clock.now()) / MINUTE_MS) * MINUTE_MS;
    const source = await this.minutes(entry, closedUntil, options);
    const bars =
      countback === undefined
        ? await this.range(source, entry, resolution, fromMs, toMs)
        : await this.last(source, entry, resolution, toMs, countback);
    if (bars.length > 0) return { bars, nextTime: null };
    const before = await source.newestTimeBefore(
      entry.ticker,
      countback === undefined ? fromMs : toMs,
    );
    return {
      bars,
      nextTime: before === null ? null : bucketOf(entry, resolution, before),
    };
  }

  /**
   * Where the symbol's 1-minute bars are read, brought up to the last closed minute first: its own
   * history, or for a continuous series its contracts' stitched by the roll schedule.
   */
  async minutes(
    entry: CatalogEntry,
    closedUntil: number,
    options: SeriesOptions = {},
  ): Promise<MinuteSource> {
    if (entry.continuous && this.continuous) {
      const schedule = await this.continuous.schedule(
        entry,
        options.roll,
        options.rollDays,
      );
      await this.continuous.catchUp(schedule, closedUntil);
      return new ContinuousMinutes(
        this.history,
        schedule,
        options.adjustment ?? "none",
      );
    }
    if (closedUntil > this.history.cursor(entry.ticker).next)
      await this.history.catchUp(entry, closedUntil);
    return this.history;
  }

  private async range(
    source: MinuteSource,
    entry: CatalogEntry,
    resolution: ParsedResolution,
    fromMs: number,
    toMs: number,
  ): Promise<MarketBar[]> {
    // A trading day can begin the evening before its date: read a day early, then cut by bucket.
    const readFrom =
      bucketOf(entry, resolution, fromMs) -
      (resolution.unit === "minute" ? 0 : DAY_MS);
    const minutes = await source.range(entry.ticker, readFrom, toMs);
    return this.aggregate(entry, resolution, minutes).filter(
      (b) => b.time >= fromMs && b.time < toMs,
    );
  }

  private async last(
    source: MinuteSource,
    entry: CatalogEntry,
    resolution: ParsedResolution,
    toMs: number,
    countback: number,
  ): Promise<MarketBar[]> {
    let minutes: StoredBar[] = [];
    let before = toMs;
    let want = Math.min(MAX_CHUNK, (countback + 1) * minutesPerBar(resolution));
    for (;;) {
      const chunk = await source.lastBefore(entry.ticker, before, want);
      minutes = chunk.concat(minutes);
      const bars = this.aggregate(entry, resolution, minutes);
      // One bar more than asked proves the oldest one kept is complete.
      if (bars.length > countback) return bars.slice(-countback);
      if (chunk.length < want) return bars;
      before = (chunk[0] as StoredBar).time;
      want = Math.min(MAX_CHUNK, want * 2);
    }
  }

  private aggregate(
    entry: CatalogEntry,
    resolution: ParsedResolution,
    minutes: readonly StoredBar[],
  ): MarketBar[] {
    return aggregateBars(
      minutes,
      resolution,
      resolution.unit === "minute"
        ? {}
        : { dayOf: (t) => tradingDay(entry, t) },
    );
  }
}

/** Calendar minutes one bar spans, a first guess of how many 1-minute rows a countback needs. */
export function minutesPerBar(resolution: ParsedResolution): number {
  const per = { minute: 1, day: 1440, week: 10_080, month: 44_640 }[
    resolution.unit
  ];
  return per * resolution.count;
}
