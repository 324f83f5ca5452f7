import { spread } from "../harness/stats";
import type { CodegenResult } from "../scenarios/codegen";
import type { HistoryEngineResult } from "../scenarios/history";
import type { HostileResult } from "../scenarios/hostile";
import type { JobsPhase, JobsResult } from "../scenarios/jobs";
import type { MemoryPoint } from "../scenarios/memory";
import type { SlowConsumerPoint } from "../scenarios/slow-consumer";
import { SERVER_LABELS, type ServerKind } from "../servers/server-kind";
import { fixed, kib, mb, rate, ratio, spreadText, table } from "./table";

export function memoryTable(
  points: readonly MemoryPoint[],
  servers: readonly ServerKind[],
  levels: readonly number[],
): string {
  const rows: string[][] = [];
  for (const level of levels) {
    const rawOf = (pick: (p: MemoryPoint) => number): number =>
      spread(
        points
          .filter((p) => p.server === "raw-ws" && p.sockets === level)
          .map(pick),
      ).median;
    const raw = rawOf((p) => p.rssPerSocketBytes);
    const rawMarginal = rawOf((p) => p.marginalRssPerSocketBytes);
    for (const server of servers) {
      const at = points.filter(
        (p) => p.server === server && p.sockets === level,
      );
      const perSocket = spread(at.map((p) => p.rssPerSocketBytes));
      const marginal = spread(at.map((p) => p.marginalRssPerSocketBytes));
      rows.push([
        `${String(level).padStart(6)}  ${SERVER_LABELS[server]}`,
        spreadText(perSocket, kib),
        kib(spread(at.map((p) => p.heapPerSocketBytes)).median),
        kib(spread(at.map((p) => p.heapCommittedPerSocketBytes)).median),
        mb(spread(at.map((p) => p.rssBytes)).median),
        mb(spread(at.map((p) => p.baseRssBytes)).median),
        ratio(perSocket.median, raw),
        spreadText(marginal, kib),
        ratio(marginal.median, rawMarginal),
      ]);
    }
  }
  return table(
    "Memory: idle subscribed sockets (1 topic each), after full GCs; KB = 1024 bytes; " +
      "marginal: RSS added per socket since the previous level",
    [
      "sockets  server",
      "RSS KB/socket",
      "heap KB/socket",
      "heap committed",
      "RSS MB",
      "RSS MB, no sockets",
      "vs raw ws",
      "marginal KB/socket",
      "vs raw ws",
    ],
    rows,
  );
}

export function slowTable(
  points: readonly SlowConsumerPoint[],
  label: string,
): string {
  const raw = points.find((p) => p.server === "raw-ws");
  const rows = points.map((p) => [
    SERVER_LABELS[p.server],
    rate(p.readersDeliveredPerSecond),
    fixed(p.readersLatencyMs.p50),
    fixed(p.readersLatencyMs.p99),
    fixed(p.readersLatencyMs.max),
    raw ? ratio(p.readersLatencyMs.p99, raw.readersLatencyMs.p99) : "-",
    mb(p.rssBytes - p.baseRssBytes),
    mb(p.queuedBytes),
  ]);
  return table(
    `Slow consumer: ${label}`,
    [
      "server",
      "readers' deliveries/s",
      "p50 ms",
      "p99 ms",
      "max ms",
      "p99 vs raw ws",
      "RSS growth MB",
      "queued at server MB",
    ],
    rows,
  );
}

export function historyTable(results: readonly HistoryEngineResult[]): string {
  const rows: string[][] = [];
  for (const r of results) {
    if (r.status === "skipped") {
      rows.push([r.engine, "skipped", r.reason]);
      continue;
    }
    for (const q of r.queries)
      rows.push([
        `${r.engine}  ${q.name}`,
        String(q.bars),
        `p50 ${fixed(q.latencyMs.p50)} ms, p99 ${fixed(q.latencyMs.p99)} ms (${q.requests} requests)`,
      ]);
    rows.push([
      `${r.engine}  backfill`,
      String(r.backfillBars),
      `${rate(r.barsPerSecond)} bars/s (${fixed(r.backfillMs / 1000, 2)} s; open and migrate ${fixed(r.openMs / 1000, 2)} s)`,
    ]);
  }
  return table(
    "History: /api/v1/datafeed/history for BTCUSD, one request at a time",
    ["engine  query", "bars", "result"],
    rows,
  );
}

export function codegenLine(result: CodegenResult): string {
  if (result.exitCode !== 0)
    return `Codegen: npm run codegen failed with exit code ${result.exitCode}`;
  return `Codegen: full npm run codegen, wall time ${spreadText(spread(result.runs.map((ms) => ms / 1000)), (n) => fixed(n, 2))} s over ${result.runs.length} run(s)`;
}

export function hostileTable(result: HostileResult, label: string): string {
  const base = result.phases.find((p) => p.phase === "baseline");
  const peak = (
    p: HostileResult["phases"][number],
    read: (s: { rssBytes: number; queuedBytes: number }) => number,
  ): number => Math.max(...p.samples.map(read));
  const rows = result.phases.map((p) => [
    p.phase,
    rate(p.readersDeliveredPerSecond),
    fixed(p.readersLatencyMs.p50),
    fixed(p.readersLatencyMs.p99),
    fixed(p.readersLatencyMs.max),
    mb(peak(p, (s) => s.rssBytes)),
    mb(peak(p, (s) => s.queuedBytes)),
    String(p.attackerDrops),
  ]);
  const attack = result.phases.find((p) => p.phase === "attack");
  const ratios =
    base && attack
      ? `attack / baseline: delivered ${ratio(attack.readersDeliveredPerSecond, base.readersDeliveredPerSecond)}, ` +
        `p50 ${ratio(attack.readersLatencyMs.p50, base.readersLatencyMs.p50)}, ` +
        `p99 ${ratio(attack.readersLatencyMs.p99, base.readersLatencyMs.p99)}, ` +
        `peak RSS ${ratio(
          peak(attack, (s) => s.rssBytes),
          peak(base, (s) => s.rssBytes),
        )}`
      : "";
  const series = attack
    ? `RSS during the attack, MB: ${attack.samples.map((s) => `${(s.atMs / 1000).toFixed(0)}s ${mb(s.rssBytes)}`).join(", ")}\n` +
      `held for sockets, MB:        ${attack.samples.map((s) => mb(s.queuedBytes)).join(", ")}\n` +
      `RSS after full GCs: ${mb(result.beforeRssBytes)} MB before the run, ${mb(result.afterRssBytes)} MB after the attack`
    : "";
  return [
    table(
      label,
      [
        "phase",
        "readers delivered/s",
        "p50 ms",
        "p99 ms",
        "max ms",
        "RSS MB peak",
        "held MB peak",
        "attackers dropped",
      ],
      rows,
    ),
    ratios,
    series,
  ].join("\n");
}

export function jobsTable(result: JobsResult): string {
  if (result.status === "skipped")
    return table("History jobs", ["", ""], [["skipped", result.reason]]);
  const phase = (name: string, p: JobsPhase): string[] => [
    name,
    `p50 ${fixed(p.pingMs.p50)} ms, p99 ${fixed(p.pingMs.p99)} ms, max ${fixed(p.pingMs.max)} ms (${p.pings} pings)`,
    `p50 ${fixed(p.loop.p50Ms)} ms, p99 ${fixed(p.loop.p99Ms)} ms, max ${fixed(p.loop.maxMs)} ms`,
  ];
  return table(
    `History jobs: one 1-minute CSV job of 10 symbols over ${result.backfillDays} days of backfill ` +
      `(${result.storedBars} bars stored in ${fixed(result.backfillMs / 1000, 1)} s): ` +
      `${result.jobBars} bars in ${fixed(result.jobSeconds, 2)} s = ` +
      `${rate(result.barsPerSecond)} bars/s (${mb(result.bytes)} MB), ${result.progressUpdates} updates on the jobs channel`,
    ["phase", "socket ping round trip", "server event-loop delay"],
    [
      phase("idle", result.idle),
      phase("during the job", result.during),
      [
        "during / idle",
        `p99 ${ratio(result.during.pingMs.p99, result.idle.pingMs.p99)}`,
        `p99 ${ratio(result.during.loop.p99Ms, result.idle.loop.p99Ms)}`,
      ],
    ],
  );
}
