// Value-by-value comparison of indicator series, reporting the first difference.
import type { IndicatorLines } from "../types";

export type Series = (IndicatorLines | null)[];

/**
 * Relative tolerance: the references reach the same numbers by other float paths (re-summed
 * windows instead of running sums, avg·(n−1)+x over n instead of avg+(x−avg)/n), which differ in
 * the last bits and accumulate to ~1e-12 of the scale over thousands of bars; any difference of
 * definition (seed, divisor, warm-up) shows at 1e-4 or more. 1e-9 sits well between the two.
 */
export const TOLERANCE = 1e-9;

export function firstIndex(series: Series): number {
  return series.findIndex((point) => point !== null);
}

/** Null when both series agree within TOLERANCE at every bar (and in their line names), else where and how they differ. */
export function firstMismatch(
  actual: Series,
  expected: Series,
  allowed: (want: number) => number = (want) =>
    TOLERANCE * Math.max(1, Math.abs(want)),
): string | null {
  if (actual.length !== expected.length)
    return `length ${actual.length} != ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] ?? null;
    const e = expected[i] ?? null;
    if (a === null || e === null) {
      if (a !== e)
        return `bar ${i}: ${JSON.stringify(a)} != ${JSON.stringify(e)}`;
      continue;
    }
    const names = Object.keys(e).sort().join();
    if (Object.keys(a).sort().join() !== names)
      return `bar ${i}: lines ${Object.keys(a).join()} != ${names}`;
    for (const [name, want] of Object.entries(e)) {
      const got = a[name] ?? NaN;
      if (!(Math.abs(got - want) <= allowed(want)))
        return `bar ${i} ${name}: ${got} != ${want}`;
    }
  }
  return null;
}
