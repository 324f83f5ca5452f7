import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createApp,
  datafeedModules,
  loadConfig,
  migrateToLatest,
  openPGlite,
  openPostgres,
  type Database,
  type TradewireApp,
} from "../backend";
import { serveIpc } from "../harness/ipc";

/**
 * Entry of the history scenario's server: the real app with the datafeed module on PGlite (in a
 * temporary folder) or PostgreSQL (in a schema of its own, dropped on close). The first start
 * backfills `BACKFILL_DAYS` of 1-minute history, which gives the backfill rate.
 */

export type DatafeedEngine = "pglite" | "postgres";

export interface DatafeedInfo {
  readonly port: number;
  readonly openMs: number;
  readonly backfillMs: number;
  readonly bars: number;
}

/**
 * `info`: the running app; `uncached`: start the app again on the same database with the
 * in-memory history tail off (HISTORY_CACHE_MINUTES=0), so every read is a database query;
 * `restart`: start it again on the same database with these settings (a fresh process state).
 */
export type DatafeedRequest =
  | { readonly cmd: "info" }
  | { readonly cmd: "uncached" }
  | { readonly cmd: "restart"; readonly env: Record<string, string> }
  | { readonly cmd: "close" };

const engine = process.argv[2] as DatafeedEngine;
const url = process.argv[3] ?? "";
const backfillDays = process.argv[4] ?? "8";
const schema = `tw_bench_${randomBytes(5).toString("hex")}`;
const dir = mkdtempSync(join(tmpdir(), "tw-bench-"));

/** Remove what this run created: the PostgreSQL schema and the PGlite folder. */
async function cleanUp(): Promise<void> {
  if (engine === "postgres") {
    const admin = await openPostgres(url);
    await admin.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await admin.close();
  }
  rmSync(dir, { recursive: true, force: true });
}

async function start(
  env: Record<string, string> = {},
): Promise<{ app: TradewireApp; info: DatafeedInfo }> {
  const opened = performance.now();
  const database: Database =
    engine === "pglite"
      ? await openPGlite(join(dir, "pglite"))
      : await openPostgres(url, { schema });
  await migrateToLatest(database);
  const openMs = performance.now() - opened;
  let backfillStarted = 0;
  let backfillMs = 0;
  const app = await createApp({
    config: loadConfig({
      LOG_LEVEL: "silent",
      JWT_SECRET: "bench-secret-that-is-long-enough-for-hs256-0123456789",
      DATA_DIR: dir,
      BACKFILL_DAYS: backfillDays,
      ...env,
    }),
    database,
    modules: datafeedModules({
      progress: {
        start: () => {
          backfillStarted = performance.now();
        },
        advance: () => undefined,
        finish: () => {
          backfillMs = performance.now() - backfillStarted;
        },
      },
    }),
  });
  const port = Number(new URL(await app.listen(0, "127.0.0.1")).port);
  const counted = await database.db
    .selectFrom("bars_1m")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return { app, info: { port, openMs, backfillMs, bars: Number(counted.n) } };
}

let started: { app: TradewireApp; info: DatafeedInfo };
try {
  started = await start();
} catch (err) {
  await cleanUp().catch(() => undefined);
  throw err;
}
let running = started;

serveIpc<DatafeedRequest, DatafeedInfo>(async (req) => {
  if (req.cmd === "close") {
    await running.app.close();
    await cleanUp();
    setTimeout(() => process.exit(0), 10);
  }
  if (req.cmd === "uncached" || req.cmd === "restart") {
    await running.app.close();
    const again = await start(
      req.cmd === "restart" ? req.env : { HISTORY_CACHE_MINUTES: "0" },
    );
    // Keep the first start's figures: that is when the backfill ran.
    running = {
      app: again.app,
      info: { ...started.info, port: again.info.port },
    };
  }
  return running.info;
});
