import type { StoredBar } from "../store/bar-store";
import {
  adjustBar,
  adjustmentBefore,
  type Adjustment,
  type PriceAdjust,
} from "./roll-adjustments";
import type { RollSchedule } from "./roll-schedule-view";

/** The 1-minute reads HistoryQuery makes, by ticker: BarHistory's, or a continuous series'. */
export interface MinuteSource {
  range(ticker: string, fromMs: number, toMs: number): Promise<StoredBar[]>;
  lastBefore(
    ticker: string,
    beforeMs: number,
    count: number,
  ): Promise<StoredBar[]>;
  newestTimeBefore(ticker: string, beforeMs: number): Promise<number | null>;
}

/** A stretch of the series served by one contract, [start, end), with its price transform. */
interface Segment {
  readonly start: number;
  readonly end: number;
  readonly contract: string;
  readonly adjust: PriceAdjust;
}

/**
 * The 1-minute bars of a continuous series: at each minute the bar of the contract in force, its
 * prices back-adjusted for every later roll. Aggregated afterwards exactly as any symbol's minutes,
 * so a daily or weekly bar across a roll holds the old contract's minutes before it and the new
 * one's after. The `ticker` argument (the series' own) is ignored: the schedule says what to read.
 */
export class ContinuousMinutes implements MinuteSource {
  private readonly segments: readonly Segment[];

  constructor(
    /** The contracts' own minutes (BarHistory). */
    private readonly history: MinuteSource,
    schedule: RollSchedule,
    adjustment: Adjustment,
  ) {
    const segments: Segment[] = [];
    let start = Number.NEGATIVE_INFINITY;
    for (const roll of schedule.rolls) {
      segments.push({
        start,
        end: roll.time,
        contract: roll.from,
        adjust: adjustmentBefore(roll, adjustment),
      });
      start = roll.time;
    }
    segments.push({
      start,
      end: Number.POSITIVE_INFINITY,
      contract: schedule.current,
      adjust: adjustmentBefore(undefined, adjustment),
    });
    this.segments = segments;
  }

  async range(_ticker: string, fromMs: number, toMs: number) {
    const out: StoredBar[] = [];
    for (const s of this.segments) {
      if (s.end <= fromMs || s.start >= toMs) continue;
      const bars = await this.history.range(
        s.contract,
        Math.max(fromMs, s.start),
        Math.min(toMs, s.end),
      );
      for (const bar of bars) out.push(adjustBar(bar, s.adjust));
    }
    return out;
  }

  async lastBefore(_ticker: string, beforeMs: number, count: number) {
    let out: StoredBar[] = [];
    for (let i = this.segments.length - 1; i >= 0 && out.length < count; i--) {
      const s = this.segments[i] as Segment;
      if (s.start >= beforeMs) continue;
      const bars = await this.history.lastBefore(
        s.contract,
        Math.min(beforeMs, s.end),
        count - out.length,
      );
      out = bars
        .filter((b) => b.time >= s.start)
        .map((b) => adjustBar(b, s.adjust))
        .concat(out);
    }
    return out;
  }

  async newestTimeBefore(_ticker: string, beforeMs: number) {
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const s = this.segments[i] as Segment;
      if (s.start >= beforeMs) continue;
      const time = await this.history.newestTimeBefore(
        s.contract,
        Math.min(beforeMs, s.end),
      );
      if (time !== null && time >= s.start) return time;
    }
    return null;
  }
}
