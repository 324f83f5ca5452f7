/**
 * Between times and the chart's logical bar indexes, so a drawing made on one resolution sits at
 * the same moment on another, and points before the first or after the last bar extrapolate by
 * the nearest bar spacing. `times` are the bars' times (any unit), ascending.
 */
function spacing(times: readonly number[], at: number): number {
  const n = times.length;
  if (n < 2) return 60;
  const i = Math.max(0, Math.min(n - 2, at));
  return times[i + 1]! - times[i]! || 60;
}

/** Index of the last time <= t, or -1. */
function floorIndex(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function timeToLogical(
  times: readonly number[],
  t: number,
): number | null {
  const n = times.length;
  if (n === 0) return null;
  const i = floorIndex(times, t);
  if (i < 0) return (t - times[0]!) / spacing(times, 0);
  if (i === n - 1) return i + (t - times[i]!) / spacing(times, n - 2);
  return i + (t - times[i]!) / (times[i + 1]! - times[i]!);
}

export function logicalToTime(
  times: readonly number[],
  logical: number,
): number | null {
  const n = times.length;
  if (n === 0 || !Number.isFinite(logical)) return null;
  if (logical <= 0) return times[0]! + logical * spacing(times, 0);
  if (logical >= n - 1)
    return times[n - 1]! + (logical - (n - 1)) * spacing(times, n - 2);
  const i = Math.floor(logical);
  return times[i]! + (logical - i) * (times[i + 1]! - times[i]!);
}
