import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { spawnPinned, stopChild } from "../harness/child";
import { SERVER_CORE } from "../harness/rig";
import type {
  AnalyticsRequest,
  AnalyticsServerInfo,
  ReplayResult,
} from "../servers/analytics-main";

const ENTRY = fileURLToPath(
  new URL("../servers/analytics-main.ts", import.meta.url),
);

/** Live symbols of every replay (stocks and crypto all trade at the server's 10:00 New York). */
export const ANALYTICS_SYMBOLS = [
  "AAPL",
  "MSFT",
  "NVDA",
  "AMZN",
  "TSLA",
  "GOOGL",
  "META",
  "NFLX",
  "BTCUSD",
  "ETHUSD",
];

export interface AnalyticsOptions {
  readonly backfillDays: number;
  /** Market time replayed per measurement, one feed tick per `stepMs`. */
  readonly replayMs: number;
  readonly stepMs: number;
  /** Measurements of each row, each between two baselines. */
  readonly repeats: number;
  /** Extra Node flags of the server (`--cpu-prof`). */
  readonly serverFlags?: readonly string[];
}

/** What a row gets to load the server with. */
export interface RowContext {
  readonly wsUrl: string;
  readonly httpUrl: string;
  readonly log: (line: string) => void;
}

/** A load on the server, measured against the same server without it. */
export interface LoadedRow {
  /** Work the load did during the replay (e.g. "412k updates delivered"). */
  delivered(): string;
  close(): Promise<void>;
}

/**
 * One row of the analytics table: a load set up on the running server, replayed, torn down.
 * Rows are measured in order on the same server; add one by appending to ANALYTICS_ROWS.
 */
export interface AnalyticsRow {
  readonly label: string;
  open(ctx: RowContext): Promise<LoadedRow>;
}

export interface AnalyticsMeasure {
  readonly cpuMicrosPerTrade: number;
  readonly trades: number;
  readonly wallMs: number;
}

export interface AnalyticsRowResult {
  readonly label: string;
  /** Per repeat: the row's replay, and the mean of the baselines just before and after it. */
  readonly loaded: AnalyticsMeasure[];
  readonly baseline: AnalyticsMeasure[];
  readonly delivered: string[];
}

const measure = (r: ReplayResult): AnalyticsMeasure => ({
  cpuMicrosPerTrade: r.cpuMicros / Math.max(1, r.trades),
  trades: r.trades,
  wallMs: r.wallMs,
});

const meanOf = (
  a: AnalyticsMeasure,
  b: AnalyticsMeasure,
): AnalyticsMeasure => ({
  cpuMicrosPerTrade: (a.cpuMicrosPerTrade + b.cpuMicrosPerTrade) / 2,
  trades: (a.trades + b.trades) / 2,
  wallMs: (a.wallMs + b.wallMs) / 2,
});

/** Runs every row against baselines measured on the same server in the same run. */
export async function runAnalytics(
  rows: readonly AnalyticsRow[],
  options: AnalyticsOptions,
  log: (line: string) => void,
): Promise<AnalyticsRowResult[]> {
  const server = spawnPinned<
    AnalyticsRequest,
    AnalyticsServerInfo | ReplayResult
  >(ENTRY, [ANALYTICS_SYMBOLS.join(","), String(options.backfillDays)], {
    core: SERVER_CORE,
  });
  const replay = async (): Promise<AnalyticsMeasure> =>
    measure(
      (await server.request({
        cmd: "replay",
        ms: options.replayMs,
        stepMs: options.stepMs,
      })) as ReplayResult,
    );
  try {
    await server.ready;
    const { port } = (await server.request({
      cmd: "info",
    })) as AnalyticsServerInfo;
    const ctx: RowContext = {
      wsUrl: `ws://127.0.0.1:${port}/api/v1/ws`,
      httpUrl: `http://127.0.0.1:${port}`,
      log,
    };
    // The first replay warms the JIT and the history caches; it is not reported.
    await replay();
    const results: AnalyticsRowResult[] = [];
    let before = await replay();
    for (const row of rows) {
      const result: AnalyticsRowResult = {
        label: row.label,
        loaded: [],
        baseline: [],
        delivered: [],
      };
      for (let i = 0; i < options.repeats; i++) {
        const loaded = await row.open(ctx);
        result.loaded.push(await replay());
        result.delivered.push(loaded.delivered());
        await loaded.close();
        const after = await replay();
        result.baseline.push(meanOf(before, after));
        before = after;
      }
      log(`  analytics: ${row.label} done`);
      results.push(result);
    }
    return results;
  } finally {
    await server.request({ cmd: "close" }).catch(() => undefined);
    await stopChild(server.child, 10_000);
  }
}

/** Opens a plain socket and waits for it. */
export function openSocket(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}
