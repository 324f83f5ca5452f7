import { DAY_MS, MINUTE_MS } from "@tradewire/client";
import type { CatalogEntry } from "./instrument";
import { bucketEnd, bucketStart, type ParsedResolution } from "./resolution";
import {
  compileSession,
  isTradingMinute,
  sessionStart,
  tradingDay,
} from "./session";

/**
 * The periods (bars) of one symbol at one resolution, with TradingView's alignment:
 *
 * - N minutes are anchored at each trading session's start (TradingView: "the time of the first
 *   bar of every resolution matches with the beginning of the session") and never span two
 *   sessions: 60-minute AAPL bars are 09:30, 10:30 ... 15:30 (a 30-minute last bar), `24x7`
 *   sessions are UTC days. A minute outside trading hours is a period of its own (it holds no
 *   trade; giving it one keeps period starts ascending in time).
 * - N days, weeks and months group trading days (`tradingDay`, 00:00 UTC of the date, the evening
 *   of an overnight session counting toward the next date) by `bucketStart`: N days from
 *   1970-01-01, N weeks from Monday 1970-01-05, N months from January of year 0 (3M: quarters).
 */
export class Periods {
  private sessionFrom = Number.NaN;
  private sessionTo = Number.NaN;
  private readonly sessionMs: number;

  constructor(
    readonly entry: CatalogEntry,
    readonly resolution: ParsedResolution,
  ) {
    this.sessionMs = compileSession(entry).length * MINUTE_MS;
  }

  /** Start (the bar's time) of the period holding the 1-minute bar at `timeMs`. */
  startOf(timeMs: number): number {
    const { resolution } = this;
    if (resolution.unit !== "minute")
      return bucketStart(resolution, tradingDay(this.entry, timeMs));
    const minute = Math.floor(timeMs / MINUTE_MS) * MINUTE_MS;
    const session = this.sessionOf(minute);
    if (session === null) return minute;
    const size = resolution.count * MINUTE_MS;
    return session + Math.floor((minute - session) / size) * size;
  }

  /**
   * Start of the session the trading minute `minuteMs` belongs to, or null outside trading
   * hours. Remembers the last session: minutes arrive in order, so this is rarely recomputed.
   */
  sessionOf(minuteMs: number): number | null {
    if (minuteMs >= this.sessionFrom && minuteMs < this.sessionTo)
      return this.sessionFrom;
    if (!isTradingMinute(this.entry, minuteMs)) return null;
    const start = sessionStart(this.entry, minuteMs);
    this.sessionFrom = start;
    this.sessionTo = start + this.sessionMs;
    return start;
  }

  /**
   * A time at or after the end of every minute of the periods that start before `labelMs`:
   * reading 1-minute bars up to here completes the last bar before `labelMs`. Bars of a day or
   * longer are labelled by date, and a trading day runs up to a day past its label's UTC date.
   */
  readEnd(labelMs: number): number {
    const last = this.startOf(labelMs - MINUTE_MS);
    if (this.resolution.unit !== "minute")
      return bucketEnd(this.resolution, last) + DAY_MS;
    // A minute period ends with its session at the latest (99999 minutes is not 69 days).
    const session = this.sessionOf(last);
    const end = last + this.resolution.count * MINUTE_MS;
    return Math.max(
      session === null ? end : Math.min(end, session + this.sessionMs),
      labelMs,
    );
  }

  /**
   * Where to start reading 1-minute bars for the periods from `labelMs` on, their session VWAP
   * included: the session of the first period's first minute may have started before it.
   */
  readStart(labelMs: number): number {
    const first = this.startOf(labelMs);
    if (this.resolution.unit !== "minute") return first - DAY_MS;
    return this.sessionOf(first) ?? first;
  }

  /**
   * The next period after the one starting at `startMs` that lies in a trading session, or null
   * when the symbol never trades again (an expired future). Gap filling walks these.
   */
  nextTradingPeriod(startMs: number): number | null {
    const { resolution } = this;
    if (resolution.unit !== "minute") {
      for (
        let next = bucketEnd(resolution, startMs), tries = 0;
        tries < 400;
        next = bucketEnd(resolution, next), tries++
      )
        if (this.hasTradingDay(next)) return next;
      return null;
    }
    const session = this.sessionOf(startMs);
    const candidate = startMs + resolution.count * MINUTE_MS;
    if (session !== null && candidate < session + this.sessionMs)
      return candidate;
    // At the session's end: the next session's start (the same instant for FX and `24x7`).
    const from =
      session === null ? startMs + MINUTE_MS : session + this.sessionMs;
    const next = sessionStart(this.entry, from);
    return next > startMs && isTradingMinute(this.entry, next) ? next : null;
  }

  /** Whether the period of a day or longer starting at `labelMs` holds any trading day. */
  private hasTradingDay(labelMs: number): boolean {
    const end = bucketEnd(this.resolution, labelMs);
    const session = compileSession(this.entry);
    for (let day = labelMs; day < end; day += DAY_MS) {
      if (session.alwaysOpen) return day < session.closesForeverAt;
      // 1970-01-01 was a Thursday; a session belongs to the weekday it ends on.
      const weekday = (((day / DAY_MS + 4) % 7) + 7) % 7;
      if (
        session.days[weekday] === true &&
        day - DAY_MS < session.closesForeverAt
      )
        return true;
    }
    return false;
  }
}
