import { DAY_MS, MINUTE_MS, WEEK_MS } from "@tradewire/client";
/**
 * TradingView resolutions and their calendar buckets in UTC. The bars of a symbol use `Periods`
 * (period.ts): session-anchored minutes, and these day/week/month buckets over trading days.
 *
 * - N minutes: multiples of N minutes since the UTC epoch (15 -> :00, :15, :30, :45; 60 -> whole
 *   UTC hours; 240 -> 00:00, 04:00, ... UTC).
 * - N days: UTC days, multiples of N days since 1970-01-01; a daily bar's time is 00:00 UTC of
 *   its date, which is what TradingView expects of daily bars.
 * - N weeks: weeks starting Monday 00:00 UTC, multiples of N weeks since Monday 1970-01-05.
 * - N months: the first of the month 00:00 UTC, multiples of N months since January of year 0
 *   (so 3M are calendar quarters, 6M half years, 12M years).
 */

export type ResolutionUnit = "minute" | "day" | "week" | "month";

export interface ParsedResolution {
  readonly unit: ResolutionUnit;
  /** How many units one bar spans, at least 1. */
  readonly count: number;
  /** Canonical TradingView spelling: `15`, `1D`, `2W`, `1M`. */
  readonly canonical: string;
}

/** Monday 1970-01-05 00:00 UTC, the first Monday of the epoch. */
const FIRST_MONDAY_MS = 4 * DAY_MS;
/** Largest counts the spec's `Resolution` pattern allows. */
const MAX_MINUTES = 99_999;
const MAX_PERIODS = 99;

const UNIT_SUFFIX = { D: "day", W: "week", M: "month" } as const;

/**
 * Parses `1`..`99999` (minutes), `D`/`W`/`M` (as `1D`/`1W`/`1M`) and `2D`, `3W`, `6M`...; null for
 * anything else (seconds, ticks, zero counts, lower case, leading zeros).
 */
export function parseResolution(resolution: string): ParsedResolution | null {
  const match = /^([1-9][0-9]*)?([DWM])?$/.exec(resolution);
  if (match === null || resolution === "") return null;
  const [, digits, suffix] = match;
  const count = digits === undefined ? 1 : Number(digits);
  if (suffix === undefined) {
    if (digits === undefined || count > MAX_MINUTES) return null;
    return { unit: "minute", count, canonical: String(count) };
  }
  if (count > MAX_PERIODS) return null;
  return {
    unit: UNIT_SUFFIX[suffix as keyof typeof UNIT_SUFFIX],
    count,
    canonical: `${count}${suffix}`,
  };
}

/** Like `parseResolution`, for callers that validated already: throws a RangeError instead. */
export function requireResolution(
  resolution: string | ParsedResolution,
): ParsedResolution {
  if (typeof resolution !== "string") return resolution;
  const parsed = parseResolution(resolution);
  if (parsed === null) {
    throw new RangeError(`unsupported resolution "${resolution}"`);
  }
  return parsed;
}

/** Start (UTC ms) of the bucket of `resolution` that contains `timeMs`. */
export function bucketStart(
  resolution: string | ParsedResolution,
  timeMs: number,
): number {
  const { unit, count } = requireResolution(resolution);
  switch (unit) {
    case "minute":
      return floorTo(timeMs, count * MINUTE_MS, 0);
    case "day":
      return floorTo(timeMs, count * DAY_MS, 0);
    case "week":
      return floorTo(timeMs, count * WEEK_MS, FIRST_MONDAY_MS);
    case "month": {
      const date = new Date(timeMs);
      const months = date.getUTCFullYear() * 12 + date.getUTCMonth();
      const start = Math.floor(months / count) * count;
      return Date.UTC(Math.floor(start / 12), start % 12, 1);
    }
  }
}

/** End (exclusive) of the bucket that starts at `start`; months vary in length. */
export function bucketEnd(
  resolution: string | ParsedResolution,
  start: number,
): number {
  const parsed = requireResolution(resolution);
  switch (parsed.unit) {
    case "minute":
      return start + parsed.count * MINUTE_MS;
    case "day":
      return start + parsed.count * DAY_MS;
    case "week":
      return start + parsed.count * WEEK_MS;
    case "month": {
      const date = new Date(start);
      return Date.UTC(
        date.getUTCFullYear(),
        date.getUTCMonth() + parsed.count,
        1,
      );
    }
  }
}

function floorTo(timeMs: number, size: number, origin: number): number {
  return Math.floor((timeMs - origin) / size) * size + origin;
}
