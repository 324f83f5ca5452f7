import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  analyticsModule,
  authModule,
  brokerModule,
  createApp,
  datafeedModule,
  loadConfig,
  migrateToLatest,
  openPGlite,
  silentProgress,
  type Database,
  type DatafeedService,
  type TradewireApp,
} from "../backend";
import { serveIpc } from "../harness/ipc";
import { alertRuleRows } from "./alert-rules";

/**
 * Entry of the alerts scenario's server: the real app (datafeed, auth, broker, analytics) on
 * PGlite in a temporary folder, its market moved by a clock this process owns, one simulated
 * second per feed tick, as fast as it computes. `baseline` runs the market with no rule;
 * `arm` stores a rule set in place of the previous one and restarts the app on it (the start
 * arms every stored rule); `loaded` runs the market again. Each run reports the process CPU per trade of the symbol.
 */

export const SYMBOL = "BTCUSD";

export type AlertsRequest =
  | {
      readonly cmd: "baseline";
      readonly seconds: number;
      readonly paceMs: number;
    }
  | {
      readonly cmd: "arm";
      readonly rules: number;
      readonly accounts: readonly string[];
      readonly quiet: boolean;
    }
  | {
      readonly cmd: "loaded";
      readonly seconds: number;
      readonly paceMs: number;
    }
  | { readonly cmd: "close" };

export interface AlertsRun {
  readonly port: number;
  readonly cpuMs: number;
  readonly trades: number;
  /** tradewire_alerts_* figures from /metrics after the run. */
  readonly armed: number;
  readonly fired: number;
  /** Evaluation-to-delivery quantiles estimated from the histogram's buckets, in ms. */
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const clock = { time: Date.UTC(2026, 10, 25, 15, 0, 0), now: () => clock.time };
const dir = mkdtempSync(join(tmpdir(), "tw-bench-alerts-"));

interface Running {
  app: TradewireApp;
  database: Database;
  datafeed: DatafeedService;
  port: number;
  stopTape: () => void;
  trades: number;
}

async function start(): Promise<Running> {
  const database = await openPGlite(join(dir, "pglite"));
  await migrateToLatest(database);
  const built: { datafeed?: DatafeedService } = {};
  const app = await createApp({
    config: loadConfig({
      LOG_LEVEL: "silent",
      JWT_SECRET: "bench-secret-that-is-long-enough-for-hs256-0123456789",
      DATA_DIR: dir,
      BACKFILL_DAYS: "2",
      ALERTS_MAX_PER_ACCOUNT: "100000",
      WS_MAX_CONNECTIONS_PER_ACCOUNT: "1000",
    }),
    database,
    clock,
    modules: (ctx) => {
      const datafeed = datafeedModule(ctx, { progress: silentProgress });
      built.datafeed = datafeed.service;
      const auth = authModule(ctx);
      const deps = { market: datafeed.service, accounts: auth.service };
      return [
        datafeed,
        auth,
        brokerModule(ctx, deps),
        analyticsModule(ctx, { ...deps, bars: datafeed.service }),
      ];
    },
  });
  const datafeed = built.datafeed;
  if (!datafeed) throw new Error("no datafeed");
  const port = Number(new URL(await app.listen(0, "127.0.0.1")).port);
  const running: Running = {
    app,
    database,
    datafeed,
    port,
    stopTape: () => undefined,
    trades: 0,
  };
  // The count of trades, and what keeps the symbol live when no rule does (the baseline).
  const tape = await datafeed.stream(SYMBOL, "1", 0, (e) => {
    running.trades += e.trades.length;
  });
  running.stopTape = () => tape.stop();
  return running;
}

/**
 * `seconds` of market, one feed tick per simulated second: back to back (`paceMs` 0, for the CPU
 * figure) or one every `paceMs` of wall time (for latency: a compressed market queues firings
 * behind trades that would not have happened yet).
 */
async function run(
  running: Running,
  seconds: number,
  paceMs: number,
): Promise<AlertsRun> {
  running.trades = 0;
  const start = await readMetrics(running.port);
  const before = process.cpuUsage();
  const began = performance.now();
  for (let s = 0; s < seconds; s++) {
    clock.time += 1000;
    await running.datafeed.feed.tick();
    const wait = began + (s + 1) * paceMs - performance.now();
    await new Promise((resolve) =>
      wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve),
    );
  }
  // Firings still being stored are part of the cost: wait for the histogram to stop moving.
  let metrics = await readMetrics(running.port);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await readMetrics(running.port);
    if (again.fired === metrics.fired) break;
    metrics = again;
  }
  const all = process.cpuUsage(before);
  return {
    port: running.port,
    cpuMs: (all.user + all.system) / 1000,
    trades: running.trades,
    armed: metrics.armed,
    fired: metrics.fired - start.fired,
    ...quantilesOf(metrics.buckets, start.buckets),
  };
}

interface Bucket {
  readonly le: number;
  readonly count: number;
}

async function readMetrics(port: number) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const sample = (name: string): number =>
    Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? 0);
  const buckets: Bucket[] = [
    ...text.matchAll(
      /^tradewire_alerts_evaluation_to_delivery_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm,
    ),
  ].map((m) => ({ le: Number(m[1]), count: Number(m[2]) }));
  return {
    armed: sample("tradewire_alerts_active_rules"),
    fired: sample("tradewire_alerts_evaluation_to_delivery_seconds_count"),
    buckets,
  };
}

/** Quantiles of the observations between two readings of the histogram, in ms. */
function quantilesOf(after: readonly Bucket[], before: readonly Bucket[]) {
  const buckets = after.map((b, i) => ({
    le: b.le,
    count: b.count - (before[i]?.count ?? 0),
  }));
  const total = buckets.at(-1)?.count ?? 0;
  return {
    p50Ms: quantile(buckets, total, 0.5) * 1000,
    p99Ms: quantile(buckets, total, 0.99) * 1000,
  };
}

/** histogram_quantile: linear inside the bucket the rank falls in. */
function quantile(
  buckets: { le: number; count: number }[],
  total: number,
  q: number,
): number {
  if (total === 0) return NaN;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const { le, count } of buckets) {
    if (count >= rank) {
      if (!Number.isFinite(le)) return lower;
      return (
        lower + ((le - lower) * (rank - below)) / Math.max(count - below, 1)
      );
    }
    lower = le;
    below = count;
  }
  return lower;
}

let running = await start();

serveIpc<AlertsRequest, AlertsRun | null>(async (req) => {
  switch (req.cmd) {
    case "baseline":
    case "loaded":
      return run(running, req.seconds, req.paceMs);
    case "arm": {
      const quote = await running.datafeed.quote(SYMBOL);
      const rows = alertRuleRows(
        req.rules,
        req.accounts,
        SYMBOL,
        quote?.v.lp ?? 0,
        clock.now(),
        req.quiet,
      );
      // Replace the previous rule set: its events first (they name their rules).
      await running.database.db.deleteFrom("alert_events").execute();
      await running.database.db.deleteFrom("alert_rules").execute();
      for (let i = 0; i < rows.length; i += 1000)
        await running.database.db
          .insertInto("alert_rules")
          .values(rows.slice(i, i + 1000))
          .execute();
      running.stopTape();
      await running.app.close();
      running = await start();
      return run(running, 0, 0);
    }
    case "close":
      running.stopTape();
      await running.app.close();
      rmSync(dir, { recursive: true, force: true });
      setTimeout(() => process.exit(0), 10);
      return null;
  }
});
