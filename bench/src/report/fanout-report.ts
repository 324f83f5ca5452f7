import type { FanoutPoint, FanoutShape } from "../scenarios/fanout";
import { SERVER_LABELS, type ServerKind } from "../servers/server-kind";
import { cpuPerDelivery, saturation, spreadOf, windows } from "./aggregate";
import { fixed, mb, rate, ratio, spreadText, table } from "./table";

const HEADERS = [
  "offered/s  server",
  "delivered/s",
  "CPU us/delivery",
  "p50 ms",
  "p95 ms",
  "p99 ms",
  "max ms",
  "server CPU",
  "load CPU",
  "RSS MB",
  "note",
];

/** The table of one fan-out shape: every rate and server (medians, ranges), then the ratios. */
export function fanoutTable(
  shape: FanoutShape,
  points: readonly FanoutPoint[],
  servers: readonly ServerKind[],
  rates: readonly number[],
): string {
  const rows: string[][] = [];
  for (const r of rates) {
    for (const server of servers) {
      const w = windows(points, shape.name, server, r);
      if (w.length === 0) continue;
      const med = (pick: (p: FanoutPoint["result"]) => number): number =>
        spreadOf(w, pick).median;
      const dirty = w.filter((p) => p.contaminated).length;
      const skipped = w.some((p) => p.result.skippedUpdates > 0);
      const notes = [
        skipped ? "saturated" : "",
        dirty > 0 ? `${dirty}/${w.length} disturbed` : "",
      ].filter((n) => n !== "");
      rows.push([
        `${rate(r).padStart(6)}  ${SERVER_LABELS[server]}`,
        spreadText(
          spreadOf(w, (p) => p.deliveredPerSecond),
          rate,
        ),
        spreadText(
          spreadOf(w, (p) => p.cpuPerDeliveryMicros),
          (n) => fixed(n, 2),
        ),
        fixed(med((p) => p.latencyMs.p50)),
        fixed(med((p) => p.latencyMs.p95)),
        spreadText(spreadOf(w, (p) => p.latencyMs.p99)),
        fixed(med((p) => p.latencyMs.max)),
        `${fixed(med((p) => p.serverCpuShare) * 100, 0)}%`,
        `${fixed(med((p) => p.loadCpuShare) * 100, 0)}%`,
        mb(med((p) => p.rssBytes)),
        notes.join(", "),
      ]);
    }
  }
  return table(`Fan-out: ${shape.label}`, HEADERS, rows);
}

/** Tradewire against each baseline, per rate and at saturation. */
export function fanoutRatios(
  shape: FanoutShape,
  points: readonly FanoutPoint[],
  rates: readonly number[],
  overloadRate: number,
): string {
  const rows: string[][] = [];
  const tw = (r: number, pick: (p: FanoutPoint["result"]) => number): number =>
    spreadOf(windows(points, shape.name, "tradewire", r), pick).median;
  for (const base of ["raw-ws", "socketio"] as const) {
    const b = (r: number, pick: (p: FanoutPoint["result"]) => number): number =>
      spreadOf(windows(points, shape.name, base, r), pick).median;
    for (const r of rates) {
      rows.push([
        `Tradewire / ${base} at ${rate(r)}/s`,
        ratio(
          tw(r, (p) => p.cpuPerDeliveryMicros),
          b(r, (p) => p.cpuPerDeliveryMicros),
        ),
        ratio(
          tw(r, (p) => p.latencyMs.p99),
          b(r, (p) => p.latencyMs.p99),
        ),
        ratio(
          tw(r, (p) => p.deliveredPerSecond),
          b(r, (p) => p.deliveredPerSecond),
        ),
      ]);
    }
    rows.push([
      `Tradewire / ${base}, all windows below ${rate(overloadRate)}/s; saturation`,
      ratio(
        cpuPerDelivery(points, shape.name, "tradewire", overloadRate).median,
        cpuPerDelivery(points, shape.name, base, overloadRate).median,
      ),
      "",
      ratio(
        saturation(points, shape.name, "tradewire", overloadRate).median,
        saturation(points, shape.name, base, overloadRate).median,
      ),
    ]);
  }
  return table(
    `Ratios: ${shape.label} (medians; < 1 is better for CPU and p99, > 1 for delivered)`,
    ["comparison", "CPU/delivery", "p99", "delivered/s"],
    rows,
  );
}

/** The headline: CPU per delivery (the steadiest figure) and throughput at saturation. */
export function headlineTable(
  shapes: readonly FanoutShape[],
  points: readonly FanoutPoint[],
  servers: readonly ServerKind[],
  overloadRate: number,
): string {
  const rows: string[][] = [];
  for (const shape of shapes) {
    const rawCpu = cpuPerDelivery(
      points,
      shape.name,
      "raw-ws",
      overloadRate,
    ).median;
    const rawSat = saturation(
      points,
      shape.name,
      "raw-ws",
      overloadRate,
    ).median;
    for (const server of servers) {
      const cpu = cpuPerDelivery(points, shape.name, server, overloadRate);
      const sat = saturation(points, shape.name, server, overloadRate);
      rows.push([
        `${shape.name}  ${SERVER_LABELS[server]}`,
        spreadText(cpu, (n) => fixed(n, 2)),
        ratio(cpu.median, rawCpu),
        spreadText(sat, rate),
        ratio(sat.median, rawSat),
      ]);
    }
  }
  return table(
    `Headline: server CPU per delivery (all windows below ${rate(overloadRate)}/s) and throughput at saturation`,
    [
      "shape  server",
      "CPU us/delivery",
      "vs raw ws",
      "saturation deliveries/s",
      "vs raw ws",
    ],
    rows,
  );
}
