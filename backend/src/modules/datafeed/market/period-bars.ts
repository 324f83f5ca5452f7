import type { Periods } from "./period";
import { SessionVwap } from "./session-vwap";
import type { MarketBar } from "./types";

/**
 * A bar as /bars, the bars channel and history jobs serve it: `vwap` is the session VWAP at the
 * bar's close (not the bar's own VWAP), and a gap-filled bar says so.
 */
export interface SeriesBar extends MarketBar {
  filled?: true;
}

/** The last real 1-minute bar before what is read: where a gap fill carries the close from. */
export interface PreviousMinute {
  readonly time: number;
  readonly close: number;
}

/**
 * Folds ascending 1-minute bars into the bars of `periods`, each with the session VWAP at its
 * close: sum(vwap x volume) / sum(volume) over the minutes from the start of the session of the
 * bar's last minute through that minute (the last close while the session has no volume).
 *
 * With gap filling, every trading period without a trade between two real bars, and after the
 * last one up to `fillUntil`, becomes a flat bar at the previous close (volume 0, `filled`), with
 * the VWAP of its session so far, or the close when its session has no trade yet. Nothing is
 * filled before the first real bar seen (or `previous`, the last one before the read), so any
 * stretch of time gets the same bars whether it is read whole or in consecutive pieces.
 */
export class PeriodBarBuilder {
  private current: SeriesBar | null = null;
  private readonly vwap: SessionVwap;
  private lastClose: number | null = null;
  /** Start of the newest period that has a bar (real or filled). */
  private lastPeriod: number | null = null;

  constructor(
    private readonly periods: Periods,
    private readonly fill: boolean,
    previous?: PreviousMinute | null,
  ) {
    this.vwap = new SessionVwap(periods);
    if (previous) {
      this.lastClose = previous.close;
      this.lastPeriod = periods.startOf(previous.time);
    }
  }

  /** One 1-minute bar (ascending); returns the bars this completes, oldest first. */
  add(minute: MarketBar): SeriesBar[] {
    const out: SeriesBar[] = [];
    const period = this.periods.startOf(minute.time);
    const bar = this.current;
    const samePeriod = bar !== null && bar.time === period;
    if (!samePeriod) {
      if (bar !== null) {
        if (period < bar.time)
          throw new RangeError(`minutes are not ascending at ${minute.time}`);
        out.push(bar);
      }
      // Before the session state moves on: a filled period carries its own session's VWAP.
      this.fillBefore(period, out);
    }
    this.vwap.add(minute);
    const vwap = this.vwap.at(minute, false);
    if (bar !== null && samePeriod) {
      if (minute.high > bar.high) bar.high = minute.high;
      if (minute.low < bar.low) bar.low = minute.low;
      bar.close = minute.close;
      bar.volume += minute.volume;
      bar.trades += minute.trades;
      bar.vwap = vwap;
    } else {
      this.current = {
        time: period,
        open: minute.open,
        high: minute.high,
        low: minute.low,
        close: minute.close,
        volume: minute.volume,
        vwap,
        trades: minute.trades,
      };
      this.lastPeriod = period;
    }
    this.lastClose = minute.close;
    return out;
  }

  /** The bar in progress, then (filling) the empty trading periods before `fillUntil`. */
  finish(fillUntil: number): SeriesBar[] {
    const out: SeriesBar[] = [];
    if (this.current !== null) out.push(this.current);
    this.current = null;
    this.fillBefore(fillUntil, out);
    return out;
  }

  private fillBefore(until: number, out: SeriesBar[]): void {
    if (!this.fill || this.lastClose === null || this.lastPeriod === null)
      return;
    const close = this.lastClose;
    for (
      let period = this.periods.nextTradingPeriod(this.lastPeriod);
      period !== null && period < until;
      period = this.periods.nextTradingPeriod(period)
    ) {
      const sessionVwap =
        this.periods.resolution.unit === "minute"
          ? this.vwap.sessionSoFar(period)
          : null;
      out.push({
        time: period,
        open: close,
        high: close,
        low: close,
        close,
        volume: 0,
        vwap: sessionVwap ?? close,
        trades: 0,
        filled: true,
      });
      this.lastPeriod = period;
    }
  }
}
