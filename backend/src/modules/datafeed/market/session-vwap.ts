import type { Periods } from "./period";
import { sessionStart } from "./session";
import type { MarketBar } from "./types";

/**
 * The session VWAP of the minutes seen so far: sum(vwap x volume) / sum(volume) since the start
 * of the session of the newest minute (the close while the session has no volume).
 */
export class SessionVwap {
  private session = Number.NaN;
  private notional = 0;
  private volume = 0;

  constructor(readonly periods: Periods) {}

  /** A closed minute (ascending). */
  add(minute: MarketBar): void {
    const session = this.sessionOf(minute.time);
    if (session !== this.session) {
      this.session = session;
      this.notional = 0;
      this.volume = 0;
    }
    this.notional += minute.vwap * minute.volume;
    this.volume += minute.volume;
  }

  /**
   * The VWAP so far of the session `time` belongs to when that is the session being summed and it
   * has volume; null otherwise (a gap-filled period then carries its close).
   */
  sessionSoFar(time: number): number | null {
    return this.periods.sessionOf(time) === this.session && this.volume > 0
      ? this.notional / this.volume
      : null;
  }

  /** The VWAP after `last`, the newest minute (closed or in progress, already added or not). */
  at(last: MarketBar, includeLast: boolean): number {
    let notional = 0;
    let volume = 0;
    if (this.sessionOf(last.time) === this.session) {
      notional = this.notional;
      volume = this.volume;
    }
    if (includeLast) {
      notional += last.vwap * last.volume;
      volume += last.volume;
    }
    return volume > 0 ? notional / volume : last.close;
  }

  private sessionOf(time: number): number {
    return (
      this.periods.sessionOf(time) ?? sessionStart(this.periods.entry, time)
    );
  }
}
