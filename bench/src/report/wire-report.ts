import type { PointResult } from "../harness/point";
import { spread, type Spread } from "../harness/stats";
import type {
  WireVariant,
  WireVariantPoint,
  WireVariantResult,
} from "../scenarios/wire-variants";
import { fixed, mb, rate, ratio, spreadText, table } from "./table";

const HEADERS = [
  "offered/s  variant",
  "delivered/s",
  "CPU us/delivery",
  "bytes/delivery",
  "p50 ms",
  "p99 ms",
  "server CPU",
  "load CPU",
  "RSS/socket KiB",
  "RSS MB after",
  "note",
];

function of(
  points: readonly WireVariantPoint[],
  variant: string,
  r: number,
  pick: (p: PointResult) => number,
): Spread {
  return spread(
    points
      .filter((p) => p.variant === variant && p.rate === r)
      .map((p) => pick(p.result)),
  );
}

/** One row per variant and rate (medians and ranges over the repeats), then the ratios of `pairs`. */
export function wireTable(
  title: string,
  variants: readonly WireVariant[],
  result: WireVariantResult,
  rates: readonly number[],
  pairs: readonly (readonly [string, string])[],
): string {
  const { points, memory } = result;
  const rows: string[][] = [];
  for (const r of rates)
    for (const v of variants) {
      const w = points.filter((p) => p.variant === v.name && p.rate === r);
      if (w.length === 0) continue;
      const med = (pick: (p: PointResult) => number): number =>
        of(points, v.name, r, pick).median;
      const dirty = w.filter((p) => p.contaminated).length;
      const skipped = w.some((p) => p.result.skippedUpdates > 0);
      const mem = memory.find((m) => m.variant === v.name);
      rows.push([
        `${rate(r).padStart(6)}  ${v.label}`,
        spreadText(
          of(points, v.name, r, (p) => p.deliveredPerSecond),
          rate,
        ),
        spreadText(
          of(points, v.name, r, (p) => p.cpuPerDeliveryMicros),
          (n) => fixed(n, 2),
        ),
        fixed(
          med((p) => p.wireBytesPerDelivery),
          0,
        ),
        fixed(med((p) => p.latencyMs.p50)),
        spreadText(of(points, v.name, r, (p) => p.latencyMs.p99)),
        `${fixed(med((p) => p.serverCpuShare) * 100, 0)}%`,
        `${fixed(med((p) => p.loadCpuShare) * 100, 0)}%`,
        mem ? fixed(mem.rssPerSocketBytes / 1024, 1) : "-",
        mem ? mb(mem.rssAfterTrafficBytes) : "-",
        [
          skipped ? "saturated" : "",
          dirty > 0 ? `${dirty}/${w.length} disturbed` : "",
        ]
          .filter((n) => n !== "")
          .join(", "),
      ]);
    }
  for (const r of rates)
    for (const [name, base] of pairs) {
      const cpu = (name: string): number =>
        of(points, name, r, (p) => p.cpuPerDeliveryMicros).median;
      const bytes = (name: string): number =>
        of(points, name, r, (p) => p.wireBytesPerDelivery).median;
      rows.push([
        `${name} / ${base} at ${rate(r)}/s`,
        "",
        ratio(cpu(name), cpu(base)),
        ratio(bytes(name), bytes(base)),
        "",
        "",
        "",
        "",
        "",
        "ratio",
      ]);
    }
  return table(title, HEADERS, rows);
}
