import { MINUTE_MS } from "@tradewire/client";
import type { Clock } from "../../clock";
import type { BarHistory } from "./bar-history";
import {
  ContinuousMinutes,
  type MinuteSource,
} from "./continuous/continuous-minutes";
import type { ContinuousSeries } from "./continuous/continuous-series";
import {
  PeriodBarBuilder,
  Periods,
  sessionLengthMinutes,
  type CatalogEntry,
  type ParsedResolution,
  type SeriesBar,
} from "./market";
import type { SeriesOptions } from "./series-options";
import type { StoredBar } from "./store/bar-store";

/** Most bars one request may ask for, by range or by countback (the spec's countback maximum). */
export const MAX_BARS = 20_000;
/**
 * Most 1-minute rows read at once, and most held while walking back for a countback: a 99999-minute
 * or 99M request reads its months of minutes a window at a time, never all together.
 */
export const MAX_CHUNK = 200_000;

export interface HistoryResult {
  /** `vwap` is the session VWAP at each bar's close. */
  readonly bars: SeriesBar[];
  /** When `bars` is empty: time (UTC ms) of the newest bar before the range, if there is one. */
  readonly nextTime: number | null;
}

/** Minutes already read by a countback's walk back: every stored minute from `from` on. */
interface Prefetched {
  readonly from: number;
  readonly minutes: readonly StoredBar[];
}

/**
 * Bars of any period from the stored 1-minute history, as /history, /bars and history jobs serve
 * them. `to` is exclusive at every resolution: a bar is in when its time is before `to`, and the
 * last such bar is complete (its minutes are read past `to`, up to the last closed minute). A
 * trading day that starts the evening before its date never leaks a bar stamped `to`.
 */
export class HistoryQuery {
  constructor(
    private readonly history: BarHistory,
    private readonly clock: Clock,
    private readonly continuous?: ContinuousSeries,
  ) {}

  /**
   * Bars with fromMs <= time < toMs, or, when `countback` is given, the `countback` bars before
   * `toMs` whatever `from` says (the Charting Library's rule). The history is brought up to the
   * last closed minute the answer needs first, so a symbol nobody watched still has no gap.
   */
  async bars(
    entry: CatalogEntry,
    resolution: ParsedResolution,
    fromMs: number,
    toMs: number,
    countback?: number,
    options: SeriesOptions = {},
  ): Promise<HistoryResult> {
    const periods = new Periods(entry, resolution);
    const now = Math.floor(this.clock.now() / MINUTE_MS) * MINUTE_MS;
    const readEnd = Math.min(periods.readEnd(toMs), now);
    const source = await this.minutes(entry, readEnd, options);
    const fillUntil = Math.min(toMs, now);
    let bars: SeriesBar[];
    if (countback === undefined) {
      bars = await this.build(
        source,
        periods,
        fromMs,
        toMs,
        readEnd,
        fillUntil,
        options,
      );
    } else {
      const start = await this.countbackStart(
        source,
        periods,
        toMs,
        readEnd,
        countback,
      );
      bars =
        start === null
          ? []
          : (
              await this.build(
                source,
                periods,
                start.from,
                toMs,
                readEnd,
                fillUntil,
                options,
                start.prefetched,
              )
            ).slice(-countback);
    }
    if (bars.length > 0) return { bars, nextTime: null };
    const before = await source.newestTimeBefore(
      entry.ticker,
      countback === undefined ? fromMs : toMs,
    );
    return {
      bars,
      nextTime: before === null ? null : periods.startOf(before),
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

  /** Bars from..to, read forward a window at a time from the session of the first one. */
  private async build(
    source: MinuteSource,
    periods: Periods,
    fromMs: number,
    toMs: number,
    readEnd: number,
    fillUntil: number,
    options: SeriesOptions,
    prefetched: Prefetched | null = null,
  ): Promise<SeriesBar[]> {
    const { ticker } = periods.entry;
    const readStart = periods.readStart(fromMs);
    const fill = options.fill === true;
    const previous = fill
      ? ((await source.lastBefore(ticker, readStart, 1))[0] ?? null)
      : null;
    const builder = new PeriodBarBuilder(periods, fill, previous);
    const out: SeriesBar[] = [];
    const keep = (bars: readonly SeriesBar[]): void => {
      for (const bar of bars)
        if (bar.time >= fromMs && bar.time < toMs) out.push(bar);
    };
    const dbEnd = prefetched ? Math.max(readStart, prefetched.from) : readEnd;
    for (let at = readStart; at < dbEnd; at += MAX_CHUNK * MINUTE_MS) {
      const end = Math.min(dbEnd, at + MAX_CHUNK * MINUTE_MS);
      for (const minute of await source.range(ticker, at, end))
        keep(builder.add(minute));
    }
    if (prefetched)
      for (const minute of prefetched.minutes)
        if (minute.time >= readStart && minute.time < readEnd)
          keep(builder.add(minute));
    keep(builder.finish(fillUntil));
    return out;
  }

  /**
   * Walks back from `readEnd` until `countback` periods before `toMs` have a trade; returns where
   * the oldest of them starts (null: none), with the minutes read on the way when they are few
   * enough to keep, so the forward pass does not read them again.
   */
  private async countbackStart(
    source: MinuteSource,
    periods: Periods,
    toMs: number,
    readEnd: number,
    countback: number,
  ): Promise<{ from: number; prefetched: Prefetched | null } | null> {
    const { ticker } = periods.entry;
    const labels = new Set<number>();
    const chunks: StoredBar[][] = [];
    let kept = 0;
    let retain = true;
    let before = readEnd;
    let want = Math.min(
      MAX_CHUNK,
      (countback + 1) * minutesPerBar(periods.resolution, periods.entry),
    );
    for (;;) {
      const chunk = await source.lastBefore(ticker, before, want);
      const exhausted = chunk.length < want;
      for (let i = chunk.length - 1; i >= 0; i--) {
        const label = periods.startOf((chunk[i] as StoredBar).time);
        if (label < toMs) labels.add(label);
      }
      kept += chunk.length;
      // Bounded memory: past MAX_CHUNK rows the forward pass reads them again instead.
      if (kept > MAX_CHUNK) retain = false;
      if (retain) chunks.unshift(chunk);
      else chunks.length = 0;
      if (labels.size >= countback || exhausted) {
        if (labels.size === 0) return null;
        const newest = [...labels].sort((a, b) => b - a);
        const from = newest[Math.min(countback, newest.length) - 1] as number;
        const prefetched =
          chunks.length === 0
            ? null
            : {
                from: exhausted
                  ? Number.NEGATIVE_INFINITY
                  : (chunk[0]?.time ?? before),
                minutes: chunks.flat(),
              };
        return { from, prefetched };
      }
      before = (chunk[0] as StoredBar).time;
      want = Math.min(MAX_CHUNK, want * 2);
    }
  }
}

/**
 * Calendar minutes one bar spans, at least: a first guess of how many 1-minute rows a countback
 * needs, and what /history divides a range by to refuse more than MAX_BARS. Minute periods never
 * span two sessions, so with `entry` one lasts at most a session (99999 minutes of BTCUSD is a
 * bar a day).
 */
export function minutesPerBar(
  resolution: ParsedResolution,
  entry?: CatalogEntry,
): number {
  if (resolution.unit === "minute")
    return entry === undefined
      ? resolution.count
      : Math.min(resolution.count, sessionLengthMinutes(entry));
  const per = { day: 1440, week: 10_080, month: 44_640 }[resolution.unit];
  return per * resolution.count;
}
