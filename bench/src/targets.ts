import { spread } from "./harness/stats";
import {
  cpuPerDelivery,
  saturation,
  spreadOf,
  windows,
} from "./report/aggregate";
import { addedP99, cpuRatio } from "./report/scaleout-report";
import { fixed, table } from "./report/table";
import type { FanoutPoint, FanoutShape } from "./scenarios/fanout";
import type { HistoryEngineResult } from "./scenarios/history";
import type { HistoryCacheEngineResult } from "./scenarios/history-cache";
import type { MemoryPoint } from "./scenarios/memory";
import type { ScaleOutResult } from "./scenarios/scaleout";

/** One target of issue 7, checked against this run's figures. */
export interface TargetCheck {
  readonly target: string;
  readonly value: number;
  readonly limit: number;
  readonly unit: string;
  /** The value must be at most the limit (else at least). */
  readonly atMost: boolean;
  readonly met: boolean | null;
  readonly note: string;
}

export interface TargetInputs {
  readonly shapes: readonly FanoutShape[];
  readonly fanout: readonly FanoutPoint[];
  readonly overloadRate: number;
  readonly p99Rates: readonly number[];
  readonly memory: readonly MemoryPoint[];
  readonly memoryLevels: readonly number[];
  readonly history: readonly HistoryEngineResult[];
  /** Issue 15; empty when the scenario did not run. */
  readonly historyCache: readonly HistoryCacheEngineResult[];
  /** Issue 14; null when the scenario did not run. */
  readonly scaleout: ScaleOutResult | null;
  /** Rates the cluster's CPU per delivery is checked at; the p99 target is read at the first. */
  readonly scaleoutRates: readonly number[];
}

function check(
  target: string,
  value: number,
  limit: number,
  unit: string,
  atMost: boolean,
  note = "",
): TargetCheck {
  const met = Number.isFinite(value)
    ? atMost
      ? value <= limit
      : value >= limit
    : null;
  return { target, value, limit, unit, atMost, met, note };
}

export function checkTargets(t: TargetInputs): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const shape of t.shapes) {
    const s = shape.name;
    if (t.fanout.every((p) => p.shape !== s)) continue;
    checks.push(
      check(
        `${s}: server CPU per delivery vs raw ws`,
        cpuPerDelivery(t.fanout, s, "tradewire", t.overloadRate).median /
          cpuPerDelivery(t.fanout, s, "raw-ws", t.overloadRate).median,
        1.1,
        "x",
        true,
      ),
      check(
        `${s}: throughput at saturation vs raw ws`,
        saturation(t.fanout, s, "tradewire", t.overloadRate).median /
          saturation(t.fanout, s, "raw-ws", t.overloadRate).median,
        0.9,
        "x",
        false,
      ),
    );
    for (const r of t.p99Rates) {
      const p99 = (server: "tradewire" | "raw-ws"): number =>
        spreadOf(windows(t.fanout, s, server, r), (p) => p.latencyMs.p99)
          .median;
      checks.push(
        check(
          `${s}: p99 latency at ${r / 1000}k deliveries/s vs raw ws`,
          p99("tradewire") / p99("raw-ws"),
          1.25,
          "x",
          true,
        ),
      );
    }
  }
  for (const level of t.memoryLevels) {
    const at = t.memory.filter(
      (p) => p.server === "tradewire" && p.sockets === level,
    );
    if (at.length === 0) continue;
    checks.push(
      check(
        `RSS per idle subscribed socket at ${level / 1000}k sockets`,
        spread(at.map((p) => p.rssPerSocketBytes)).median / 1024,
        15,
        "KB",
        true,
      ),
    );
  }
  for (const r of t.history) {
    if (r.engine !== "postgres") continue;
    if (r.status === "skipped") {
      checks.push({
        target: "/history 10k 1-minute bars p50 on PostgreSQL",
        value: NaN,
        limit: 20,
        unit: "ms",
        atMost: true,
        met: null,
        note: r.reason,
      });
      continue;
    }
    // As served (recent bars from memory), and with every read a database query.
    for (const q of r.queries.filter((x) => x.name.startsWith("10k")))
      checks.push(
        check(
          `/history ${q.name} p50 on PostgreSQL`,
          q.latencyMs.p50,
          20,
          "ms",
          true,
        ),
      );
  }
  return checks.concat(
    scaleOutTargets(t.scaleout, t.scaleoutRates),
    historyCacheTargets(t.historyCache),
  );
}

/** Issue 15: the database load the block cache takes off a repeated chart-loading workload. */
function historyCacheTargets(
  results: readonly HistoryCacheEngineResult[],
): TargetCheck[] {
  return results.flatMap((r) => {
    const ok = r.status === "ok";
    const note = r.status === "skipped" ? r.reason : "";
    return [
      check(
        `history cache: database reads saved on ${r.engine}`,
        ok ? r.readsReduction * 100 : NaN,
        70,
        "%",
        false,
        note,
      ),
      check(
        `history cache: answers differing from the uncached run on ${r.engine}`,
        ok ? r.mismatches : NaN,
        0,
        "",
        true,
        note,
      ),
    ];
  });
}

/** Issue 14: what running several instances behind the Redis bus costs the same fan-out. */
function scaleOutTargets(
  result: ScaleOutResult | null,
  rates: readonly number[],
): TargetCheck[] {
  if (!result) return [];
  const p99Rate = rates[0] ?? 25_000;
  const cluster =
    result.status === "measured"
      ? `${result.instances} instances + Redis`
      : "the cluster";
  const rows = [
    ...rates.map((r) => ({
      target: `scale-out: server CPU per delivery, ${cluster} vs 1 instance, at ${r / 1000}k/s`,
      value: result.status === "measured" ? cpuRatio(result.points, r) : NaN,
      limit: 1.25,
      unit: "x",
    })),
    {
      target: `scale-out: p99 added by ${cluster} at ${p99Rate / 1000}k/s`,
      value:
        result.status === "measured" ? addedP99(result.points, p99Rate) : NaN,
      limit: 3,
      unit: "ms",
    },
  ];
  return rows.map((r) =>
    check(
      r.target,
      r.value,
      r.limit,
      r.unit,
      true,
      result.status === "skipped" ? result.reason : "",
    ),
  );
}

export function targetsTable(checks: readonly TargetCheck[]): string {
  return table(
    "Targets (issues 7, 14 and 15)",
    ["target", "measured", "limit", "result"],
    checks.map((c) => [
      c.target,
      `${fixed(c.value, 2)} ${c.unit}`,
      `${c.atMost ? "<=" : ">="} ${c.limit} ${c.unit}`,
      c.met === null ? `not measured: ${c.note}` : c.met ? "met" : "MISSED",
    ]),
  );
}
