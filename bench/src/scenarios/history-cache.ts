import { fileURLToPath } from "node:url";
import { spawnPinned, stopChild } from "../harness/child";
import { SERVER_CORE } from "../harness/rig";
import { quantiles, type Quantiles } from "../harness/stats";
import type {
  DatafeedEngine,
  DatafeedInfo,
  DatafeedRequest,
} from "../servers/datafeed-main";

const ENTRY = fileURLToPath(
  new URL("../servers/datafeed-main.ts", import.meta.url),
);

/** One chart as a user opens it: a resolution and the bars the Charting Library asks per page. */
export interface ChartShape {
  readonly resolution: string;
  readonly countback: number;
}

export interface HistoryCacheOptions {
  readonly postgres: { url: string } | { skipped: string };
  readonly backfillDays: number;
  /** Simulated users loading charts at the same time. */
  readonly users: number;
  /** How many times each user goes through every chart. */
  readonly rounds: number;
  /** Requests per chart: the first load, then paging back with `to` = the oldest bar's time. */
  readonly pages: number;
  readonly symbols: readonly string[];
  readonly charts: readonly ChartShape[];
  /** HISTORY_BLOCK_CACHE_MB of the run with the cache on. */
  readonly cacheMb: number;
}

export interface CacheModeResult {
  readonly mode: "off" | "on";
  readonly requests: number;
  readonly bars: number;
  /** Database reads the history issued (tradewire_history_db_reads_total, every query). */
  readonly dbReads: number;
  readonly dbRows: number;
  readonly hits: number;
  readonly misses: number;
  readonly cacheBytes: number;
  readonly cacheBlocks: number;
  readonly evictions: number;
  readonly latencyMs: Quantiles;
  readonly wallMs: number;
}

export type HistoryCacheEngineResult =
  | {
      readonly engine: DatafeedEngine;
      readonly status: "ok";
      readonly off: CacheModeResult;
      readonly on: CacheModeResult;
      /** Answers that differ from the first answer to the same request (cache off, first user). */
      readonly mismatches: number;
      /** 1 - reads on / reads off. */
      readonly readsReduction: number;
      readonly rowsReduction: number;
    }
  | {
      readonly engine: DatafeedEngine;
      readonly status: "skipped";
      readonly reason: string;
    };

/**
 * A repeated chart-loading workload against the real app, once with the history block cache off
 * (HISTORY_BLOCK_CACHE_MB=0) and once on, each in a fresh app on the same backfilled database
 * (after one unmeasured pass that warms the database's own caches): the database reads the
 * history issued, read off /metrics, and every answer compared byte for byte.
 */
export async function runHistoryCache(
  options: HistoryCacheOptions,
  log: (line: string) => void,
): Promise<HistoryCacheEngineResult[]> {
  const results: HistoryCacheEngineResult[] = [];
  for (const engine of ["pglite", "postgres"] as const) {
    if (engine === "postgres" && "skipped" in options.postgres) {
      results.push({
        engine,
        status: "skipped",
        reason: options.postgres.skipped,
      });
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
      // Every run reads up to the same closed minute, so their answers can be compared.
      const toS = Math.floor(Date.now() / 60_000) * 60 - 60;
      const warm = await server.request({ cmd: "info" });
      await workload(warm.port, options, toS, new Map());
      const answers = new Map<string, string>();
      const modes: CacheModeResult[] = [];
      let mismatches = 0;
      for (const mode of ["off", "on"] as const) {
        const info = await server.request({
          cmd: "restart",
          env: {
            HISTORY_BLOCK_CACHE_MB:
              mode === "on" ? String(options.cacheMb) : "0",
          },
        });
        const before = await scrapeCache(info.port);
        const started = performance.now();
        const run = await workload(info.port, options, toS, answers);
        const wallMs = performance.now() - started;
        const after = await scrapeCache(info.port);
        modes.push({
          mode,
          requests: run.latencies.length,
          bars: run.bars,
          dbReads: after.dbReads - before.dbReads,
          dbRows: after.dbRows - before.dbRows,
          hits: after.hits - before.hits,
          misses: after.misses - before.misses,
          cacheBytes: after.bytes,
          cacheBlocks: after.blocks,
          evictions: after.evictions - before.evictions,
          latencyMs: quantiles(Float64Array.from(run.latencies)),
          wallMs,
        });
        mismatches += run.mismatches;
      }
      const [off, on] = modes as [CacheModeResult, CacheModeResult];
      results.push({
        engine,
        status: "ok",
        off,
        on,
        mismatches,
        readsReduction: 1 - on.dbReads / off.dbReads,
        rowsReduction: 1 - on.dbRows / off.dbRows,
      });
      log(`  history cache: ${engine} done`);
    } catch (err) {
      results.push({
        engine,
        status: "skipped",
        reason: `failed: ${String(err)}`,
      });
      log(`  history cache: ${engine} failed: ${String(err)}`);
    } finally {
      await server.request({ cmd: "close" }).catch(() => undefined);
      await stopChild(server.child, 10_000);
    }
  }
  return results;
}

interface WorkloadRun {
  readonly latencies: number[];
  readonly bars: number;
  /** Answers that differ from the one recorded under the same key (recorded when absent). */
  readonly mismatches: number;
}

/** Every user, at the same time, opens each chart and pages back, `rounds` times over. */
async function workload(
  port: number,
  options: HistoryCacheOptions,
  toS: number,
  answers: Map<string, string>,
): Promise<WorkloadRun> {
  const latencies: number[] = [];
  let bars = 0;
  let mismatches = 0;
  const charts = options.symbols.flatMap((symbol) =>
    options.charts.map((chart) => ({ symbol, ...chart })),
  );
  const user = async (index: number): Promise<void> => {
    for (let round = 0; round < options.rounds; round++)
      for (let i = 0; i < charts.length; i++) {
        // Users start at different charts, as people do.
        const chart = charts[(i + index) % charts.length] as (typeof charts)[0];
        let to = toS;
        for (let page = 0; page < options.pages; page++) {
          const path =
            `/api/v1/datafeed/history?symbol=${chart.symbol}&resolution=${chart.resolution}` +
            `&from=${to - 86_400}&to=${to}&countback=${chart.countback}`;
          const started = performance.now();
          const res = await fetch(`http://127.0.0.1:${port}${path}`);
          const text = await res.text();
          latencies.push(performance.now() - started);
          if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
          const known = answers.get(path);
          if (known === undefined) answers.set(path, text);
          else if (known !== text) mismatches++;
          const body = JSON.parse(text) as { s: string; t?: number[] };
          if (body.s !== "ok" || !body.t?.length) break;
          bars += body.t.length;
          to = body.t[0] as number;
        }
      }
  };
  await Promise.all(Array.from({ length: options.users }, (_, i) => user(i)));
  return { latencies, bars, mismatches };
}

interface CacheScrape {
  dbReads: number;
  dbRows: number;
  hits: number;
  misses: number;
  bytes: number;
  blocks: number;
  evictions: number;
}

async function scrapeCache(port: number): Promise<CacheScrape> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const sum = (name: string): number => {
    let total = 0;
    for (const line of text.split("\n"))
      if (line.startsWith(`${name} `) || line.startsWith(`${name}{`))
        total += Number(line.slice(line.lastIndexOf(" ") + 1));
    return total;
  };
  return {
    dbReads: sum("tradewire_history_db_reads_total"),
    dbRows: sum("tradewire_history_db_rows_total"),
    hits: sum("tradewire_history_cache_hits_total"),
    misses: sum("tradewire_history_cache_misses_total"),
    bytes: sum("tradewire_history_cache_bytes"),
    blocks: sum("tradewire_history_cache_blocks"),
    evictions: sum("tradewire_history_cache_evictions_total"),
  };
}
