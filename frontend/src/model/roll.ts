import type {
  Roll_Api_Backend,
  RollsResponse_Api_Backend,
} from "../clients/api-types-generated";
import type { Adjustment } from "./historyJob";

/** One roll of a continuous futures series; times in UTC milliseconds. */
export interface Roll {
  /** First minute served from `to`. */
  readonly time: number;
  /** 00:00 UTC of the trading day that starts serving `to` (the daily bar's time). */
  readonly tradingDay: number;
  readonly from: string;
  readonly to: string;
  readonly difference: number;
  readonly ratio: number;
}

/** The rolls of a continuous series, oldest first, and the contract it follows now. */
export interface RollSchedule {
  readonly symbol: string;
  readonly contract: string;
  readonly rolls: readonly Roll[];
}

export function toRoll(wire: Roll_Api_Backend): Roll {
  return {
    time: wire.time,
    tradingDay: wire.tradingDay,
    from: wire.from,
    to: wire.to,
    difference: wire.difference,
    ratio: wire.ratio,
  };
}

export function toRollSchedule(wire: RollsResponse_Api_Backend): RollSchedule {
  return {
    symbol: wire.symbol,
    contract: wire.contract,
    rolls: wire.rolls.map(toRoll),
  };
}

/**
 * What a roll did, for its tooltip: `ESZ6 → ESH7, +12.25` (the gap between the two closes; a
 * ratio adjustment shows the factor it applied instead, `ESZ6 → ESH7, ×1.0021`).
 */
export function rollLabel(
  roll: Roll,
  precision: number,
  adjustment: Adjustment = "none",
): string {
  const change =
    adjustment === "ratio"
      ? `×${roll.ratio.toFixed(4)}`
      : `${roll.difference >= 0 ? "+" : "−"}${Math.abs(roll.difference).toFixed(precision)}`;
  return `${roll.from} → ${roll.to}, ${change}`;
}

/**
 * The time of the bar each roll falls in, for markers. At a resolution of a day or more
 * (`intradayBarMs` null) the bar holding its trading day; intraday the bar holding its first
 * minute, or the first bar after it when no bar holds it (no trade in that minute). `barTimes`
 * are ascending; a roll outside the loaded bars is not on the chart and is left out.
 */
export function rollBarTimes(
  rolls: readonly Roll[],
  barTimes: readonly number[],
  intradayBarMs: number | null,
): { readonly roll: Roll; readonly time: number }[] {
  const placed: { roll: Roll; time: number }[] = [];
  for (const roll of rolls) {
    const at = intradayBarMs === null ? roll.tradingDay : roll.time;
    let index = lastAtOrBefore(barTimes, at);
    if (index < 0) continue;
    const start = barTimes[index] ?? 0;
    if (intradayBarMs !== null && start + intradayBarMs <= at) index += 1;
    const time = barTimes[index];
    if (time !== undefined) placed.push({ roll, time });
  }
  return placed;
}

/** Index of the last element ≤ `value` in ascending `times`, or -1. */
function lastAtOrBefore(times: readonly number[], value: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? Infinity) <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
