import { DAY_MS } from "@tradewire/client";
import type { Bar } from "../../model/bar";

/** How far back the same symbol is shifted: a week or a number of calendar months. */
export type ComparePeriod = "1W" | "1M" | "3M" | "12M";

/** What the chart compares with: another symbol, or its own symbol a period back. */
export type CompareTarget =
  | { readonly kind: "symbol"; readonly symbol: string }
  | { readonly kind: "shift"; readonly period: ComparePeriod };

/** One point of the comparison series, on the main series' time axis (UTC ms). */
export interface ComparePoint {
  readonly time: number;
  readonly value: number;
}

export const COMPARE_PERIODS: readonly ComparePeriod[] = [
  "1W",
  "1M",
  "3M",
  "12M",
];

const PERIOD_NAMES: Record<ComparePeriod, string> = {
  "1W": "1 week",
  "1M": "1 month",
  "3M": "3 months",
  "12M": "1 year",
};

/** The legend's name of a comparison: `MSFT`, `AAPL −1 month`. */
export function compareLabel(target: CompareTarget, symbol: string): string {
  return target.kind === "symbol"
    ? target.symbol
    : `${symbol} −${PERIOD_NAMES[target.period]}`;
}

/**
 * `time` moved by `periods` of `period` (negative: back). Months are calendar months in UTC, the
 * day of the month kept where the month has it (31 March − 1 month is 3 March, as Date counts).
 */
export function shiftTime(
  time: number,
  period: ComparePeriod,
  periods: number,
): number {
  if (period === "1W") return time + periods * 7 * DAY_MS;
  const months = Number(period.slice(0, -1)) * periods;
  const date = new Date(time);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}

/**
 * The comparison's closes placed on the main series' bars: a point for each main bar time that
 * the other series has a bar for (its own time, or shifted forward by the period), so the chart's
 * time axis keeps the main series' bars and nothing else.
 */
export function alignPoints(
  mainTimes: readonly number[],
  bars: readonly Bar[],
  target: CompareTarget,
): ComparePoint[] {
  const closes = new Map<number, number>();
  for (const bar of bars) closes.set(placedTime(bar.time, target), bar.close);
  const points: ComparePoint[] = [];
  for (const time of mainTimes) {
    const value = closes.get(time);
    if (value !== undefined) points.push({ time, value });
  }
  return points;
}

/** Where a bar of the comparison goes on the main axis. */
export function placedTime(time: number, target: CompareTarget): number {
  return target.kind === "shift" ? shiftTime(time, target.period, 1) : time;
}

/** Percent change of `value` from `base`, as the chart's percent scale shows it. */
export function percentChange(base: number, value: number): number {
  return (value / base - 1) * 100;
}

/**
 * Both series rebased to the first visible bar: the percent change of each at `time` (the
 * hovered or last bar) from its own value at the first visible bar time `from`. A series without
 * a value at either time has no figure (undefined).
 */
export function rebasedAt(
  points: readonly ComparePoint[],
  from: number,
  time: number,
): number | undefined {
  const base = valueAtOrAfter(points, from);
  const value = valueAtOrBefore(points, time);
  if (base === undefined || value === undefined || base === 0) return undefined;
  return percentChange(base, value);
}

/** The first value at or after `time` (the first visible point of a series). */
function valueAtOrAfter(
  points: readonly ComparePoint[],
  time: number,
): number | undefined {
  return points.find((p) => p.time >= time)?.value;
}

/** The last value at or before `time`. */
function valueAtOrBefore(
  points: readonly ComparePoint[],
  time: number,
): number | undefined {
  for (let i = points.length - 1; i >= 0; i -= 1) {
    const point = points[i];
    if (point && point.time <= time) return point.value;
  }
  return undefined;
}
