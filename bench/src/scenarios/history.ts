import { DAY_S } from "@tradewire/client";
import { fileURLToPath } from "node:url";
import { openPostgres } from "../backend";
import { spawnPinned, stopChild } from "../harness/child";
import { quantiles, type Quantiles } from "../harness/stats";
import { SERVER_CORE } from "../harness/rig";
import type {
  DatafeedEngine,
  DatafeedInfo,
  DatafeedRequest,
} from "../servers/datafeed-main";

const ENTRY = fileURLToPath(
  new URL("../servers/datafeed-main.ts", import.meta.url),
);

export interface HistoryOptions {
  /** PostgreSQL to test against, or null with the reason it is skipped. */
  readonly postgres: { url: string } | { skipped: string };
  readonly backfillDays: number;
  readonly warmupRequests: number;
  readonly requests: number;
}

export interface HistoryQueryResult {
  readonly name: string;
  readonly bars: number;
  readonly requests: number;
  readonly latencyMs: Quantiles;
}

export type HistoryEngineResult =
  | {
      readonly engine: DatafeedEngine;
      readonly status: "ok";
      readonly openMs: number;
      readonly backfillMs: number;
      readonly backfillBars: number;
      readonly barsPerSecond: number;
      readonly queries: HistoryQueryResult[];
    }
  | {
      readonly engine: DatafeedEngine;
      readonly status: "skipped";
      readonly reason: string;
    };

/** The PostgreSQL to use: DATABASE_URL, else the local default if it answers, else skipped. */
export async function findPostgres(): Promise<
  { url: string } | { skipped: string }
> {
  const url =
    process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
  const source = process.env.DATABASE_URL ? "DATABASE_URL" : "the default URL";
  try {
    const probe = await Promise.race([
      openPostgres(url),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("no answer in 3 s")), 3000).unref(),
      ),
    ]);
    await probe.close();
    return { url };
  } catch (err) {
    return {
      skipped: `${source} (${redact(url)}) did not answer: ${String(err)}`,
    };
  }
}

/**
 * `/history` latency as the Charting Library asks for it, one request at a time from the load
 * core, against the real app whose first start backfilled the database.
 */
export async function runHistory(
  options: HistoryOptions,
  log: (line: string) => void,
): Promise<HistoryEngineResult[]> {
  const results: HistoryEngineResult[] = [];
  for (const engine of ["pglite", "postgres"] as const) {
    if (engine === "postgres" && "skipped" in options.postgres) {
      results.push({
        engine,
        status: "skipped",
        reason: options.postgres.skipped,
      });
      log(`  history: postgres skipped: ${options.postgres.skipped}`);
      continue;
    }
    const url =
      engine === "postgres" && "url" in options.postgres
        ? options.postgres.url
        : "";
    const server = spawnPinned<DatafeedRequest, DatafeedInfo>(
      ENTRY,
      [engine, url, String(options.backfillDays)],
      { core: SERVER_CORE },
    );
    try {
      await server.ready;
      const info = await server.request({ cmd: "info" });
      const base = `http://127.0.0.1:${info.port}/api/v1/datafeed/history?symbol=BTCUSD`;
      const now = Math.floor(Date.now() / 1000);
      const lastMinute = Math.floor(now / 60) * 60;
      const queries = [
        {
          name: "10k 1-minute bars",
          url: `${base}&resolution=1&from=${lastMinute - 10_000 * 60}&to=${lastMinute}`,
        },
        {
          name: "1D bars, full range",
          url: `${base}&resolution=1D&from=${now - (options.backfillDays + 1) * DAY_S}&to=${now}`,
        },
      ];
      const measured: HistoryQueryResult[] = [];
      for (const q of queries)
        measured.push(await timeRequests(q.name, q.url, options));
      // The same reads with the in-memory tail off: what each one costs from the database.
      const uncached = await server.request({ cmd: "uncached" });
      for (const q of queries)
        measured.push(
          await timeRequests(
            `${q.name}, database only`,
            q.url.replace(`:${info.port}/`, `:${uncached.port}/`),
            options,
          ),
        );
      results.push({
        engine,
        status: "ok",
        openMs: info.openMs,
        backfillMs: info.backfillMs,
        backfillBars: info.bars,
        barsPerSecond: info.bars / (info.backfillMs / 1000),
        queries: measured,
      });
      log(`  history: ${engine} done`);
    } catch (err) {
      // One engine failing (PGlite's WASM, a PostgreSQL hiccup) must not lose the other figures.
      results.push({
        engine,
        status: "skipped",
        reason: `failed: ${String(err)}`,
      });
      log(`  history: ${engine} failed: ${String(err)}`);
    } finally {
      await server.request({ cmd: "close" }).catch(() => undefined);
      await stopChild(server.child, 10_000);
    }
  }
  return results;
}

async function timeRequests(
  name: string,
  url: string,
  options: HistoryOptions,
): Promise<HistoryQueryResult> {
  let bars = 0;
  const times = new Float64Array(options.requests);
  for (let i = -options.warmupRequests; i < options.requests; i++) {
    const started = performance.now();
    const res = await fetch(url);
    const raw = await res.arrayBuffer();
    // Until the last byte arrived: the client's JSON parsing is not the server's latency.
    const elapsed = performance.now() - started;
    const body = JSON.parse(Buffer.from(raw).toString("utf8")) as {
      s: string;
      t?: number[];
    };
    if (res.status !== 200 || body.s !== "ok")
      throw new Error(`${name}: ${res.status} ${body.s}`);
    bars = body.t?.length ?? 0;
    if (i >= 0) times[i] = elapsed;
  }
  return {
    name,
    bars,
    requests: options.requests,
    latencyMs: quantiles(times),
  };
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//…@");
}
