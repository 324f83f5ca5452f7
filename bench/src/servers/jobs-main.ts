import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import {
  createApp,
  loadConfig,
  migrateToLatest,
  openPGlite,
  silentProgress,
  tradingModules,
  type TradewireApp,
} from "../backend";
import { serveIpc } from "../harness/ipc";

/**
 * Entry of the jobs scenario's server: the app `make dev` runs (datafeed with history jobs, auth,
 * broker, analytics) on PGlite in a temporary folder, backfilled with `BACKFILL_DAYS`. It measures
 * its own event-loop delay, which the orchestrator reads per phase (idle, during a job).
 */

export interface JobsServerInfo {
  readonly port: number;
  readonly backfillMs: number;
  readonly bars: number;
}

export interface LoopDelay {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** `info`; `loop`: the event-loop delay since the previous `loop` (which resets it); `close`. */
export type JobsServerRequest =
  | { readonly cmd: "info" }
  | { readonly cmd: "loop" }
  | { readonly cmd: "close" };

export type JobsServerReply = JobsServerInfo | LoopDelay | null;

const backfillDays = process.argv[2] ?? "8";
const dir = mkdtempSync(join(tmpdir(), "tw-bench-jobs-"));
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();

const backfillStarted = performance.now();
const database = await openPGlite(join(dir, "pglite"));
await migrateToLatest(database);
const app: TradewireApp = await createApp({
  config: loadConfig({
    LOG_LEVEL: "silent",
    JWT_SECRET: "bench-secret-that-is-long-enough-for-hs256-0123456789",
    DATA_DIR: dir,
    BACKFILL_DAYS: backfillDays,
    HISTORY_JOBS_PER_ACCOUNT: "4",
    WS_RATE_PER_SECOND: "1000",
    WS_RATE_BURST: "1000",
  }),
  database,
  modules: tradingModules({ progress: silentProgress }),
});
const port = Number(new URL(await app.listen(0, "127.0.0.1")).port);
const backfillMs = performance.now() - backfillStarted;
const counted = await database.db
  .selectFrom("bars_1m")
  .select((eb) => eb.fn.countAll<string>().as("n"))
  .executeTakeFirstOrThrow();
const info: JobsServerInfo = { port, backfillMs, bars: Number(counted.n) };
loop.reset();

serveIpc<JobsServerRequest, JobsServerReply>(async (req) => {
  if (req.cmd === "info") return info;
  if (req.cmd === "loop") {
    const ms = (ns: number) => ns / 1e6;
    const delay: LoopDelay = {
      p50Ms: ms(loop.percentile(50)),
      p99Ms: ms(loop.percentile(99)),
      maxMs: ms(loop.max),
    };
    loop.reset();
    return delay;
  }
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  setTimeout(() => process.exit(0), 10);
  return null;
});
