import {
  createApp,
  loadConfig,
  migrateToLatest,
  openPGlite,
  silentProgress,
  tradingModules,
  type DatafeedService,
} from "../backend";
import { serveIpc } from "../harness/ipc";

/**
 * Entry of the analytics scenario's server: the app `make dev` runs (datafeed, auth, broker,
 * analytics) on in-memory PGlite, on a clock this process moves when asked, so every replay is
 * the same amount of market. Its own streams count the trades and keep the symbols live even
 * with no subscriber, so a baseline replay and a loaded one trade the same market.
 */

export interface AnalyticsServerInfo {
  readonly port: number;
}

export interface ReplayResult {
  /** Process CPU (user + system) during the replay. */
  readonly cpuMicros: number;
  readonly trades: number;
  readonly wallMs: number;
}

export type AnalyticsRequest =
  | { readonly cmd: "info" }
  | { readonly cmd: "replay"; readonly ms: number; readonly stepMs: number }
  | { readonly cmd: "close" };

const symbols = (process.argv[2] ?? "BTCUSD").split(",");
const backfillDays = process.argv[3] ?? "1";
/** Wednesday 2026-11-25 15:00 UTC (10:00 in New York): every symbol trades. */
let now = Date.UTC(2026, 10, 25, 15, 0, 0);

const database = await openPGlite(null);
await migrateToLatest(database);
const built: { datafeed?: DatafeedService } = {};
const compose = tradingModules({ progress: silentProgress });
const app = await createApp({
  config: loadConfig({
    LOG_LEVEL: "silent",
    JWT_SECRET: "bench-secret-that-is-long-enough-for-hs256-0123456789",
    BACKFILL_DAYS: backfillDays,
    WS_MAX_SUBSCRIPTIONS: "20000",
    WS_RATE_PER_SECOND: "1000000",
    WS_RATE_BURST: "1000000",
  }),
  database,
  clock: { now: () => now },
  modules: (ctx) => {
    const modules = compose(ctx);
    built.datafeed = modules.find((m) => m.name === "datafeed")
      ?.service as DatafeedService;
    return modules;
  },
});
const datafeed = built.datafeed as DatafeedService;
const port = Number(new URL(await app.listen(0, "127.0.0.1")).port);
let trades = 0;
for (const symbol of symbols)
  await datafeed.stream(symbol, "1", 0, (e) => {
    trades += e.trades.length;
  });

async function replay(ms: number, stepMs: number): Promise<ReplayResult> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const before = trades;
  for (let passed = 0; passed < ms; passed += stepMs) {
    now += stepMs;
    await datafeed.feed.tick();
    // Let the socket writes of this tick happen before the next one, as between real ticks.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const used = process.cpuUsage(cpu);
  return {
    cpuMicros: used.user + used.system,
    trades: trades - before,
    wallMs: performance.now() - started,
  };
}

serveIpc<AnalyticsRequest, AnalyticsServerInfo | ReplayResult>(async (req) => {
  if (req.cmd === "replay") return replay(req.ms, req.stepMs);
  if (req.cmd === "close") {
    await app.close();
    setTimeout(() => process.exit(0), 10);
  }
  return { port };
});
