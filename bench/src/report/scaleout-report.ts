import type { PointResult } from "../harness/point";
import { spread, type Spread } from "../harness/stats";
import type { FailoverResult } from "../scenarios/failover";
import {
  SCALEOUT_SETUPS,
  type ScaleOutPoint,
  type ScaleOutResult,
  type ScaleOutSetup,
} from "../scenarios/scaleout";
import { fixed, mb, rate, spreadText, table } from "./table";

/** The repeated windows of one setup at one rate, one figure picked from each. */
export function scaleOutSpread(
  points: readonly ScaleOutPoint[],
  setup: ScaleOutSetup,
  at: number,
  pick: (r: PointResult) => number,
): Spread {
  return spread(
    points
      .filter((p) => p.setup === setup && p.rate === at)
      .map((p) => pick(p.result)),
  );
}

/** CPU per delivery of a setup (summed over its instances) over the single instance's. */
export function cpuRatio(
  points: readonly ScaleOutPoint[],
  at: number,
  setup: ScaleOutSetup = "cluster",
): number {
  const cpu = (s: ScaleOutSetup): number =>
    scaleOutSpread(points, s, at, (r) => r.cpuPerDeliveryMicros).median;
  return cpu(setup) / cpu("single");
}

/** What the cluster adds to the single instance's p99, milliseconds. */
export function addedP99(points: readonly ScaleOutPoint[], at: number): number {
  const p99 = (s: ScaleOutSetup): number =>
    scaleOutSpread(points, s, at, (r) => r.latencyMs.p99).median;
  return p99("cluster") - p99("single");
}

export function scaleOutTable(
  result: ScaleOutResult,
  rates: readonly number[],
  label: string,
): string {
  if (result.status === "skipped")
    return `Scale-out: skipped: ${result.reason}`;
  const names: Record<ScaleOutSetup, string> = {
    single: "1 instance",
    bus: "1 instance + Redis",
    cluster: `${result.instances} instances + Redis`,
  };
  const rows: string[][] = [];
  for (const r of rates) {
    for (const setup of SCALEOUT_SETUPS) {
      const s = (pick: (p: PointResult) => number): Spread =>
        scaleOutSpread(result.points, setup, r, pick);
      const windows = result.points.filter(
        (p) => p.setup === setup && p.rate === r,
      );
      const dirty = windows.filter((p) => p.contaminated).length;
      const notes = [
        windows.some((p) => p.result.skippedUpdates > 0) ? "saturated" : "",
        dirty > 0 ? `${dirty}/${windows.length} disturbed` : "",
      ].filter((n) => n !== "");
      rows.push([
        `${rate(r).padStart(6)}  ${names[setup]}`,
        spreadText(
          s((p) => p.deliveredPerSecond),
          rate,
        ),
        spreadText(
          s((p) => p.cpuPerDeliveryMicros),
          (n) => fixed(n, 2),
        ),
        setup !== "single"
          ? spreadText(
              s((p) => p.busCpuPerDeliveryMicros ?? NaN),
              (n) => fixed(n, 2),
            )
          : "-",
        fixed(s((p) => p.latencyMs.p50).median, 2),
        spreadText(
          s((p) => p.latencyMs.p99),
          (n) => fixed(n, 2),
        ),
        fixed(s((p) => p.latencyMs.max).median),
        `${fixed(s((p) => p.serverCpuShare).median * 100, 0)}%`,
        mb(s((p) => p.rssBytes).median),
        notes.join(", "),
      ]);
    }
  }
  const ratios = rates.map(
    (r) =>
      `at ${rate(r)}/s, against the single instance: ${names.cluster} CPU per delivery ` +
      `${fixed(cpuRatio(result.points, r), 2)}x, p99 ${addedP99(result.points, r) >= 0 ? "+" : ""}` +
      `${fixed(addedP99(result.points, r), 2)} ms; ${names.bus} (the bus hop alone) ` +
      `${fixed(cpuRatio(result.points, r, "bus"), 2)}x`,
  );
  return [
    table(
      `Scale-out: ${label}`,
      [
        "offered/s  setup",
        "delivered/s",
        "CPU us/delivery",
        "Redis us/delivery",
        "p50 ms",
        "p99 ms",
        "max ms",
        "server CPU",
        "RSS MB",
        "note",
      ],
      rows,
    ),
    `Sockets per instance: ${result.socketsPerInstance.join(" / ")}. ` +
      `Server CPU and RSS are summed over the instances; Redis's CPU (INFO cpu) is beside it, not in it.`,
    ...ratios,
  ].join("\n");
}

export function failoverTable(result: FailoverResult): string {
  if (result.status === "skipped")
    return `Leader failover: skipped: ${result.reason}`;
  return table(
    `Leader failover: ${result.instances} real servers (backend/src/main.ts) on a fresh PostgreSQL ` +
      `database and Redis; ${result.killed} (the leader) SIGKILLed`,
    ["after the SIGKILL", "ms"],
    [
      [
        `${result.newLeader} reports tradewire_cluster_leader 1 (/metrics polled every ${result.pollMs} ms)`,
        fixed(result.leaderMs, 0),
      ],
      [
        `first quotes.update on a survivor's socket`,
        result.quotesMs === null ? "-" : fixed(result.quotesMs, 0),
      ],
      [
        `first bars.update on a survivor's socket`,
        result.barsMs === null ? "-" : fixed(result.barsMs, 0),
      ],
    ],
  ).concat(`\nMarket data: ${result.marketNote}.`);
}
