import { DAY_MS, MINUTE_MS } from "@tradewire/client";
import { REST_SCHEMAS } from "@tradewire/client/rest-schemas";
/** Monday 1970-01-05, where weekly buckets start, as on the server. */
const FIRST_MONDAY = 4 * DAY_MS;

/**
 * Length of one bar of a TradingView resolution (`1`, `240`, `1D`, `D`, `1W`), or null for
 * months and what is not a resolution (months vary in length).
 */
export function resolutionMs(resolution: string): number | null {
  const match = /^([1-9][0-9]*)?([DW])?$/.exec(resolution);
  if (!match || resolution === "") return null;
  const count = match[1] === undefined ? 1 : Number(match[1]);
  if (match[2] === "D") return count * DAY_MS;
  if (match[2] === "W") return count * 7 * DAY_MS;
  return match[1] === undefined ? null : count * MINUTE_MS;
}

/** Start of the UTC bucket of `size` ms holding `time`, with the server's alignment rules. */
export function bucketStart(size: number, time: number): number {
  const origin = size % (7 * DAY_MS) === 0 ? FIRST_MONDAY : 0;
  return Math.floor((time - origin) / size) * size + origin;
}

/** The spec's `Resolution` pattern, read from the generated schemas so it is never restated. */
const RESOLUTION_PATTERN = new RegExp(
  (REST_SCHEMAS.$defs.Resolution as { readonly pattern: string }).pattern,
);

/** True when the server accepts `value` as a resolution (`45`, `2D`, `3W`, `M`; not `0`, `2H`). */
export function isResolution(value: string): boolean {
  return RESOLUTION_PATTERN.test(value);
}
