import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { FULL, QUICK, type BenchConfig } from "./src/config";
import { BENCH_NICE } from "./src/harness/child";
import { LOAD_CORE } from "./src/harness/rig";
import { foreignLoad, machineInfo, pinSelf } from "./src/machine";
import {
  fanoutRatios,
  fanoutTable,
  headlineTable,
} from "./src/report/fanout-report";
import {
  codegenLine,
  historyTable,
  hostileTable,
  jobsTable,
  memoryTable,
  slowTable,
} from "./src/report/other-reports";
import { alertsTable } from "./src/report/alerts-report";
import { historyCacheTable } from "./src/report/history-cache-report";
import { failoverTable, scaleOutTable } from "./src/report/scaleout-report";
import { analyticsTable } from "./src/report/analytics-report";
import { exportTable } from "./src/report/export-report";
import {
  runAnalytics,
  type AnalyticsRow,
  type AnalyticsRowResult,
} from "./src/scenarios/analytics";
import { runAlerts, type AlertsResult } from "./src/scenarios/alerts";
import { indicatorTopicsRow } from "./src/scenarios/analytics-indicators";
import { runCodegen, type CodegenResult } from "./src/scenarios/codegen";
import { runExport, type ExportResult } from "./src/scenarios/export";
import {
  BATCHING_SHAPE,
  FANOUT_SHAPES,
  runFanout,
  type FanoutPoint,
  type FanoutShape,
} from "./src/scenarios/fanout";
import {
  findPostgres,
  runHistory,
  type HistoryEngineResult,
} from "./src/scenarios/history";
import {
  runHistoryCache,
  type HistoryCacheEngineResult,
} from "./src/scenarios/history-cache";
import { runFailover, type FailoverResult } from "./src/scenarios/failover";
import { runHostile, type HostileResult } from "./src/scenarios/hostile";
import { runJobs, type JobsResult } from "./src/scenarios/jobs";
import {
  runScaleOut,
  SCALEOUT_SHAPE,
  type ScaleOutResult,
} from "./src/scenarios/scaleout";
import {
  runHeapBreakdown,
  runMemory,
  type HeapBreakdown,
  type MemoryPoint,
} from "./src/scenarios/memory";
import { heapBreakdownTable } from "./src/report/heap-report";
import { runWireBench } from "./src/scenarios/wire-bench";
import {
  runSlowConsumer,
  type SlowConsumerPoint,
} from "./src/scenarios/slow-consumer";
import { checkTargets, targetsTable } from "./src/targets";
import { runDelta, type DeltaResult } from "./src/delta/delta-scenario";
import { deltaBytesTable, deltaCpuTable } from "./src/report/delta-report";

/**
 * `npx tsx bench/run.ts [--quick] [--only=fanout,batching,memory,slow,hostile,history,jobs,cache,export,analytics,codegen,scaleout,encoding,compression,delta] [--cpu-prof]`
 * Runs the scenarios of issue 7, prints a table per scenario and the targets, and writes
 * everything as JSON to bench/results/.
 */
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const config: BenchConfig = quick ? QUICK : FULL;
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
const wants = (name: string): boolean => !only || only.includes(name);
const resultsDir = fileURLToPath(new URL("./results/", import.meta.url));
const serverFlags = args.includes("--cpu-prof")
  ? ["--cpu-prof", `--cpu-prof-dir=${resultsDir}profiles`]
  : [];

const started = Date.now();
const log = (line: string): void => console.log(line);
/** Announce a scenario, with the time into the run, so slow scenarios are easy to spot. */
const section = (title: string): void =>
  log(
    `${title} ... (${((Date.now() - started) / 1000).toFixed(0)} s into the run)`,
  );
const print = (text: string): void => console.log(`\n${text}\n`);
pinSelf(LOAD_CORE, BENCH_NICE);
const machine = machineInfo();
const f = config.fanout;
log(
  `Tradewire benchmarks${quick ? " (quick)" : ""}: ${machine.cores} x ${machine.cpu}, ${machine.memoryGiB} GiB, ` +
    `Linux ${machine.kernel}, Node ${machine.node}`,
);
log(
  `Servers on core 0, load generators and this process on core 1 (taskset), at raised scheduling ` +
    `priority. Windows of ${f.timing.windowMs / 1000} s after ${f.timing.warmupMs / 1000} s of warm-up ` +
    `(the reference method uses 2 s and 10 s: shortened to fit 10 minutes), ${f.repeats} repeats ` +
    `(${f.overloadWindows} windows each at the overload rate), servers alternated at each rate; ` +
    `figures are medians with the range. Latency runs from the scheduled publish time.`,
);
const idle = await foreignLoad();
log(
  idle > 0.15
    ? `WARNING: other processes are using ${idle.toFixed(2)} cores; disturbed windows are measured again (up to ${f.maxAttempts} times) and marked.`
    : `Machine idle before the run (${idle.toFixed(2)} cores busy).`,
);

const budget = { remainingMs: f.retryBudgetMs };
/** One retry policy for every scenario's clean windows; the retry budget is shared by all. */
const clean = {
  maxWait: f.maxWait,
  maxAttempts: f.maxAttempts,
  pauseMs: 500,
  budget,
};
let fanout: FanoutPoint[] = [];
if (wants("fanout")) {
  const overload = f.rates[f.rates.length - 1] as number;
  for (const shape of FANOUT_SHAPES) {
    section(`Fan-out ${shape.label}`);
    const points = await runFanout(
      shape,
      {
        rates: f.rates,
        servers: f.servers,
        partial: { "ws-json": f.wsJsonRates },
        repeats: f.repeats,
        overloadWindows: f.overloadWindows,
        timing: f.timing,
        clean,
        serverFlags,
      },
      log,
    );
    fanout = fanout.concat(points);
    print(fanoutTable(shape, points, f.servers, f.rates));
    print(fanoutRatios(shape, points, f.rates, overload));
  }
  print(headlineTable(FANOUT_SHAPES, fanout, f.servers, overload));
}

let batching: FanoutPoint[] = [];
if (wants("batching")) {
  // The same servers and run for the ticked shape and the one-update-per-timer one.
  const b = config.batching;
  const servers = f.servers.filter((k) => k !== "ws-json");
  const runs: [FanoutShape, readonly number[]][] = [
    [BATCHING_SHAPE, b.rates],
    [FANOUT_SHAPES[1] as FanoutShape, b.perUpdateRates],
  ];
  for (const [shape, rates] of runs) {
    section(`Batching: ${shape.label}`);
    const overload = rates[rates.length - 1] as number;
    const points = await runFanout(
      shape,
      {
        rates,
        servers,
        partial: {},
        repeats: b.repeats,
        overloadWindows: f.overloadWindows,
        timing: f.timing,
        clean,
        serverFlags,
      },
      log,
    );
    batching = batching.concat(points);
    print(fanoutTable(shape, points, servers, rates));
    print(fanoutRatios(shape, points, rates, overload));
    print(headlineTable([shape], points, servers, overload));
  }
}

let memory: MemoryPoint[] = [];
let heap: HeapBreakdown[] = [];
if (wants("memory")) {
  section("Memory");
  memory = await runMemory(config.memory, log);
  print(memoryTable(memory, config.memory.servers, config.memory.levels));
  heap = await runHeapBreakdown(config.memory.servers, 1000, log);
  print(heapBreakdownTable(heap));
}

const wire = await runWireBench(
  wants,
  {
    ...config.wire,
    timing: f.timing,
    clean,
  },
  { section, print, log },
);

let slow: SlowConsumerPoint[] = [];
const s = config.slow;
const slowLabel =
  `${s.plan.sockets} sockets x ${s.plan.topicsPerSocket} topics, 1 in ${s.plan.pauseEvery} stops reading, ` +
  `${s.deliveriesPerSecond / 1000}k deliveries/s offered for ${(s.fillMs + s.windowMs) / 1000} s (window: the last ${s.windowMs / 1000} s)`;
if (wants("slow")) {
  section("Slow consumer");
  slow = await runSlowConsumer(s, log);
  print(slowTable(slow, slowLabel));
}

let hostile: HostileResult | null = null;
const h = config.hostile;
const hostileLabel =
  `Hostile clients: ${h.attackers} anonymous sockets that never read re-subscribe ${h.subscribesPerSecond}/s to a ` +
  `${h.snapshotSymbols}-symbol quotes topic (a snapshot each time) and send pongs unasked, reconnecting when dropped; ` +
  `${h.readers.sockets} readers at ${h.deliveriesPerSecond / 1000}k deliveries/s; default limits; ` +
  `${h.baselineMs / 1000} s without attackers, then ${h.attackMs / 1000} s with them`;
if (wants("hostile")) {
  section("Hostile clients");
  hostile = await runHostile(h, log);
  print(hostileTable(hostile, hostileLabel));
}

let history: HistoryEngineResult[] = [];
if (wants("history")) {
  section("History");
  history = await runHistory(
    { ...config.history, postgres: await findPostgres() },
    log,
  );
  print(historyTable(history));
}

let jobs: JobsResult | null = null;
if (wants("jobs")) {
  section("History jobs");
  jobs = await runJobs(config.jobs, log);
  print(jobsTable(jobs));
}

let exported: ExportResult | null = null;
const ex = config.export;
const exportLabel =
  `${ex.symbols.join(", ")} 1-minute bars from ${new Date(ex.from).toISOString().slice(0, 10)} to ` +
  `${new Date(ex.to).toISOString().slice(0, 10)} (simulated, ${ex.chunkDays} days of a symbol per write), ` +
  `one fresh process per format on core 0; rates over the writer's calls only (generation excluded); ` +
  `RSS growth over the process's RSS after a full GC before the export, MB = 10^6 bytes`;
if (wants("export")) {
  section("Export");
  exported = await runExport(ex, log);
  print(exportTable(exported, exportLabel));
}

let historyCache: HistoryCacheEngineResult[] = [];
const hc = config.historyCache;
const historyCacheLabel =
  `${hc.users} users at once, each opening ${hc.symbols.length * hc.charts.length} charts ` +
  `(${hc.symbols.join(", ")} at ${hc.charts.map((c) => `${c.resolution} x${c.countback}`).join(", ")} bars) ` +
  `and paging back up to ${hc.pages - 1} times, ${hc.rounds} rounds; ${hc.backfillDays} days of history; ` +
  `the app restarted on the same database with HISTORY_BLOCK_CACHE_MB=0, then ${hc.cacheMb}`;
if (wants("cache")) {
  section("History cache");
  historyCache = await runHistoryCache(
    { ...hc, postgres: await findPostgres() },
    log,
  );
  print(historyCacheTable(historyCache, historyCacheLabel));
}

let analytics: AnalyticsRowResult[] = [];
const a = config.analytics;
const analyticsLabel =
  `the trading app (datafeed, auth, broker, analytics) replaying ${a.replayMs / 60_000} min of market on ` +
  `10 live symbols, one tick per ${a.stepMs / 1000} s, as fast as it goes; server CPU (user + system) ` +
  `per trade, against the same server with no load measured just before and after (${a.repeats} repeat(s))`;
let alerts: AlertsResult | null = null;
const alertsLabel =
  `the trading app on its own server, BTCUSD only, ${config.alerts.seconds / 60} min of market one tick per ` +
  `simulated second back to back, first with no rule, then with the rules stored and armed by a restart ` +
  `(every rule type, repeating, 60 s cooldown); delivery from the app's histogram over ` +
  `${config.alerts.pacedSeconds / 60} min at one tick per ${config.alerts.paceMs} ms, alert-events sockets subscribed`;
// Rows are measured in order on one server; a load of another kind is one more row here.
const analyticsRows: AnalyticsRow[] = [indicatorTopicsRow(1000)];
if (wants("analytics")) {
  section("Analytics");
  analytics = await runAnalytics(analyticsRows, { ...a, serverFlags }, log);
  print(analyticsTable(analytics, analyticsLabel));
  alerts = await runAlerts(config.alerts, log);
  print(alertsTable(alerts, alertsLabel));
}

let scaleout: ScaleOutResult | null = null;
let failover: FailoverResult | null = null;
const so = config.scaleout;
const scaleoutLabel =
  `${SCALEOUT_SHAPE.label}, one Tradewire instance (the schedule publishes in-process) vs ` +
  `${so.instances} instances behind the Redis bus (the schedule in instance 0 publishes each update ` +
  `once on the bus, a channel per topic; sockets spread over the instances). The single instance and ` +
  `all ${so.instances} instances on core 0, load on core 1; Redis runs where the OS puts it`;
if (wants("scaleout")) {
  section("Scale-out");
  scaleout = await runScaleOut(
    {
      instances: so.instances,
      rates: so.rates,
      repeats: so.repeats,
      timing: f.timing,
      clean,
      serverFlags,
    },
    log,
  );
  print(scaleOutTable(scaleout, so.rates, scaleoutLabel));
  section("Leader failover");
  failover = await runFailover(
    { instances: so.instances, timeoutMs: so.failoverTimeoutMs },
    log,
  );
  print(failoverTable(failover));
}

let delta: DeltaResult | null = null;
if (wants("delta")) {
  section("Delta quotes");
  delta = await runDelta(
    config.delta,
    {
      timing: f.timing,
      clean,
      recordingPath: `${resultsDir}delta-recording.json`,
    },
    log,
  );
  print(
    deltaBytesTable(
      delta,
      `Quote bytes per update, whole vs delta (changed values only, plus the symbol and the base seq), ` +
        `JSON frame text; the real datafeed over ${config.delta.recordMs / 60_000} min of market at its 250 ms tick, one topic per symbol`,
    ),
  );
  print(
    deltaCpuTable(
      delta,
      `Server CPU per delivery, the real Tradewire server publishing that stream whole vs as deltas ` +
        `(computed once per update), 1,000 sockets x 20 of 100 topics, servers alternated`,
    ),
  );
}

let codegen: CodegenResult | null = null;
if (wants("codegen")) {
  section("Codegen");
  codegen = await runCodegen(config.codegenRuns);
  print(codegenLine(codegen));
}

const targets = checkTargets({
  shapes: FANOUT_SHAPES,
  fanout,
  overloadRate: f.rates[f.rates.length - 1] as number,
  p99Rates: f.p99Rates,
  memory,
  memoryLevels: config.memory.levels.filter((l) => l >= 5000),
  history,
  historyCache,
  scaleout,
  scaleoutRates: so.rates,
});
print(targetsTable(targets));

const totalSeconds = (Date.now() - started) / 1000;
log(`Total run time ${totalSeconds.toFixed(0)} s.`);
const stamp = new Date(started).toISOString().replace(/[:.]/g, "-");
mkdirSync(resultsDir, { recursive: true });
const json = JSON.stringify(
  {
    startedAt: new Date(started).toISOString(),
    totalSeconds,
    quick,
    machine,
    config,
    fanout,
    batching,
    memory,
    heap,
    slow,
    slowLabel,
    hostile,
    hostileLabel,
    history,
    jobs,
    exported,
    exportLabel,
    historyCache,
    historyCacheLabel,
    analytics,
    analyticsLabel,
    alerts,
    alertsLabel,
    codegen,
    scaleout,
    scaleoutLabel,
    failover,
    wire,
    delta,
    targets,
  },
  null,
  1,
);
writeFileSync(`${resultsDir}${stamp}.json`, json);
writeFileSync(`${resultsDir}latest.json`, json);
log(`Results: bench/results/${stamp}.json (and latest.json)`);
