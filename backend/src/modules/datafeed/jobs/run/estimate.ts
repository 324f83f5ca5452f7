import { MINUTE_MS } from "@tradewire/client";
import {
  isTradingMinute,
  Periods,
  type CatalogEntry,
  type ParsedResolution,
} from "../../market";

/** Most session samples one estimate takes: it stays well under a millisecond per symbol-year. */
const MAX_SAMPLES = 20_000;

/**
 * Bars of `resolution` in [fromMs, toMs) by the symbol's trading sessions: the trading minutes in
 * the range sampled at a step of at least 5 minutes, then counted as the buckets they fall in (or,
 * for bars shorter than two steps, as minutes divided by the bar's length). An estimate for the
 * progress bar; the job's count is exact once it completes.
 */
export function estimateBars(
  entry: CatalogEntry,
  resolution: ParsedResolution,
  fromMs: number,
  toMs: number,
): number {
  if (toMs <= fromMs) return 0;
  const stepMinutes = Math.max(
    5,
    Math.ceil((toMs - fromMs) / MINUTE_MS / MAX_SAMPLES),
  );
  const step = stepMinutes * MINUTE_MS;
  const byMinutes =
    resolution.unit === "minute" && resolution.count < 2 * stepMinutes;
  let samples = 0;
  let buckets = 0;
  let last = Number.NaN;
  const periods = new Periods(entry, resolution);
  for (let t = Math.ceil(fromMs / step) * step; t < toMs; t += step) {
    if (!isTradingMinute(entry, t)) continue;
    samples++;
    if (byMinutes) continue;
    const bucket = periods.startOf(t);
    if (bucket !== last) {
      buckets++;
      last = bucket;
    }
  }
  return byMinutes
    ? Math.round((samples * stepMinutes) / resolution.count)
    : buckets;
}
