import type { Timing } from "./harness/point";
import type { SocketPlan } from "./harness/rig";
import type { AlertsOptions } from "./scenarios/alerts";
import type { AnalyticsOptions } from "./scenarios/analytics";
import type { DeltaOptions } from "./delta/delta-scenario";
import type { ExportOptions } from "./scenarios/export";
import type { HistoryCacheOptions } from "./scenarios/history-cache";
import type { HostileOptions } from "./scenarios/hostile";
import type { ServerKind } from "./servers/server-kind";

/** Everything that sets how long the run takes and what it measures. */
export interface BenchConfig {
  readonly fanout: {
    readonly servers: readonly ServerKind[];
    /** Offered deliveries per second; the last is the overload point (far past saturation). */
    readonly rates: readonly number[];
    /** The per-socket JSON.stringify reference runs only at these rates. */
    readonly wsJsonRates: readonly number[];
    readonly p99Rates: readonly number[];
    readonly repeats: number;
    readonly overloadWindows: number;
    readonly timing: Timing;
    readonly maxWait: number;
    readonly maxAttempts: number;
    readonly retryBudgetMs: number;
  };
  /** The batching rows: the ticked quotes shape and the per-update one, same rates and run. */
  readonly batching: {
    /** Offered deliveries per second in ticks; the last is past saturation of every server. */
    readonly rates: readonly number[];
    /** The same shape published one update per timer, as in the fan-out scenario. */
    readonly perUpdateRates: readonly number[];
    readonly repeats: number;
  };
  readonly memory: {
    readonly servers: readonly ServerKind[];
    readonly levels: readonly number[];
    readonly repeats: number;
  };
  readonly slow: {
    readonly servers: readonly ServerKind[];
    readonly plan: SocketPlan;
    readonly deliveriesPerSecond: number;
    readonly fillMs: number;
    readonly windowMs: number;
  };
  readonly hostile: HostileOptions;
  readonly history: {
    readonly backfillDays: number;
    readonly warmupRequests: number;
    readonly requests: number;
  };
  /** History jobs: days of backfill the job walks, and the idle measurement before it. */
  readonly jobs: { readonly backfillDays: number; readonly idleMs: number };
  readonly historyCache: Omit<HistoryCacheOptions, "postgres">;
  readonly codegenRuns: number;
  /** A multi-year 1-minute export of several symbols, per format. */
  readonly export: ExportOptions;
  readonly analytics: AnalyticsOptions;
  readonly alerts: AlertsOptions;
  /** `--only=encoding` and `--only=compression`: the twenty-topics shape at these rates. */
  readonly wire: {
    readonly rates: readonly number[];
    readonly repeats: number;
  };
  readonly scaleout: {
    readonly instances: number;
    /** Offered deliveries per second; the p99 target is read at the first. */
    readonly rates: readonly number[];
    readonly repeats: number;
    /** How long a real server may take to start or a leader to appear in the failover run. */
    readonly failoverTimeoutMs: number;
  };
  /** Delta quotes (issue 17): recorded market time, and the fan-out rates comparing the forms. */
  readonly delta: DeltaOptions;
}

const MAIN_SERVERS: readonly ServerKind[] = ["raw-ws", "socketio", "tradewire"];

/**
 * The full run, sized for `make bench` to finish in under 10 minutes on 2 cores. The reference
 * method uses 2 s warm-ups and 10 s windows; here windows are 1.5 s after 0.5 s of warm-up, and
 * each point is repeated 3 times (the overload point twice per repeat), so medians and ranges
 * carry the run-to-run spread.
 */
export const FULL: BenchConfig = {
  fanout: {
    servers: [...MAIN_SERVERS, "ws-json"],
    rates: [25_000, 40_000, 50_000, 75_000, 200_000],
    wsJsonRates: [50_000, 200_000],
    p99Rates: [25_000, 40_000],
    repeats: 3,
    overloadWindows: 2,
    timing: { warmupMs: 500, windowMs: 1500, settleMs: 250 },
    maxWait: 0.15,
    maxAttempts: 2,
    retryBudgetMs: 45_000,
  },
  batching: {
    rates: [25_000, 40_000, 500_000],
    perUpdateRates: [25_000, 40_000, 200_000],
    repeats: 3,
  },
  memory: { servers: MAIN_SERVERS, levels: [1000, 5000, 10_000], repeats: 3 },
  slow: {
    servers: MAIN_SERVERS,
    plan: {
      sockets: 20,
      firstSocket: 0,
      topicsPerSocket: 100,
      topicCount: 100,
      pauseEvery: 10,
    },
    deliveriesPerSecond: 40_000,
    fillMs: 6000,
    windowMs: 4000,
  },
  hostile: {
    readers: {
      sockets: 500,
      firstSocket: 0,
      topicsPerSocket: 1,
      topicCount: 100,
      pauseEvery: 0,
    },
    deliveriesPerSecond: 10_000,
    attackers: 40,
    subscribesPerSecond: 45,
    snapshotSymbols: 50,
    baselineMs: 20_000,
    // Three heartbeats (30 s each, the default): attackers live, are dropped and come back.
    attackMs: 90_000,
    sampleMs: 5_000,
  },
  history: { backfillDays: 8, warmupRequests: 5, requests: 40 },
  jobs: { backfillDays: 60, idleMs: 5000 },
  // Charts of 24/7, FX, futures and stock symbols; the 5- to 60-minute pages reach past the
  // two-week in-memory tail by the third page, 1D countbacks walk the whole history.
  historyCache: {
    backfillDays: 35,
    users: 6,
    rounds: 3,
    pages: 4,
    symbols: ["BTCUSD", "ETHUSD", "EURUSD", "ESZ6", "AAPL"],
    charts: [
      { resolution: "5", countback: 2000 },
      { resolution: "15", countback: 1000 },
      { resolution: "60", countback: 300 },
      { resolution: "1D", countback: 300 },
    ],
    cacheMb: 256,
  },
  codegenRuns: 1,
  export: {
    symbols: ["BTCUSD", "EURUSD", "AAPL"],
    from: Date.UTC(2024, 10, 1),
    to: Date.UTC(2026, 10, 1),
    chunkDays: 7,
  },
  analytics: {
    backfillDays: 2,
    replayMs: 10 * 60_000,
    stepMs: 1000,
    repeats: 3,
  },
  alerts: { rules: 10_000, seconds: 600, pacedSeconds: 120, paceMs: 250 },
  wire: { rates: [25_000], repeats: 3 },
  scaleout: {
    instances: 3,
    rates: [25_000, 40_000],
    repeats: 3,
    failoverTimeoutMs: 60_000,
  },
  delta: { recordMs: 10 * 60_000, rates: [25_000, 50_000], repeats: 7 },
};

/** A smoke run of every scenario in about two minutes, for working on the harness. */
export const QUICK: BenchConfig = {
  ...FULL,
  fanout: {
    ...FULL.fanout,
    rates: [25_000, 50_000, 200_000],
    repeats: 1,
    overloadWindows: 1,
    maxAttempts: 1,
  },
  batching: { ...FULL.batching, repeats: 1 },
  memory: { ...FULL.memory, levels: [1000, 5000, 10_000], repeats: 1 },
  slow: { ...FULL.slow, fillMs: 3000, windowMs: 2000 },
  hostile: { ...FULL.hostile, baselineMs: 10_000, attackMs: 35_000 },
  history: { ...FULL.history, requests: 10 },
  jobs: { backfillDays: 10, idleMs: 3000 },
  export: { ...FULL.export, from: Date.UTC(2026, 4, 1) },
  historyCache: { ...FULL.historyCache, users: 3, rounds: 2 },
  analytics: {
    ...FULL.analytics,
    backfillDays: 1,
    replayMs: 5 * 60_000,
    repeats: 1,
  },
  alerts: { ...FULL.alerts, seconds: 300, pacedSeconds: 60 },
  scaleout: { ...FULL.scaleout, repeats: 2 },
  delta: { recordMs: 5 * 60_000, rates: [25_000, 50_000], repeats: 5 },
};
