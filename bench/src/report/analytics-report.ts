import type { AnalyticsRowResult } from "../scenarios/analytics";
import { fixed, table } from "./table";

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** Server CPU per trade with each row's load, as a ratio to the same server without it. */
export function analyticsTable(
  results: readonly AnalyticsRowResult[],
  label: string,
): string {
  const rows = results.map((r) => {
    const ratios = r.loaded.map(
      (m, i) => m.cpuMicrosPerTrade / (r.baseline[i]?.cpuMicrosPerTrade ?? NaN),
    );
    const loaded = median(r.loaded.map((m) => m.cpuMicrosPerTrade));
    const baseline = median(r.baseline.map((m) => m.cpuMicrosPerTrade));
    return [
      r.label,
      `x${fixed(median(ratios), 2)}${ratios.length > 1 ? ` (x${fixed(Math.min(...ratios), 2)}-${fixed(Math.max(...ratios), 2)})` : ""}`,
      `${fixed(loaded)} µs vs ${fixed(baseline)} µs`,
      `${fixed(median(r.loaded.map((m) => m.trades)), 0)} trades, ${r.delivered[r.delivered.length - 1] ?? ""}`,
    ];
  });
  return table(
    `Analytics: ${label}`,
    ["load", "CPU per trade vs none", "server CPU per trade", "per replay"],
    rows,
  );
}
