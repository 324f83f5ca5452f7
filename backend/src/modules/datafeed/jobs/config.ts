import type { EnvReader } from "../../../env";

/** Bounds of history jobs; every one is an environment variable. */
export interface HistoryJobsConfig {
  /** HISTORY_JOBS_PER_ACCOUNT: jobs one account may have queued or running; past it, JOB_LIMIT. */
  readonly perAccount: number;
  /** HISTORY_JOBS_CONCURRENCY: jobs running at once on this instance; the rest wait, FIFO. */
  readonly concurrency: number;
  /** HISTORY_JOBS_RETENTION_HOURS: how long a finished file is kept before it is removed. */
  readonly retentionHours: number;
  /**
   * HISTORY_JOBS_CANCEL_TIMEOUT_MS: clustered, how long a cancel sent to the instance that runs the
   * job waits for its answer before it gives up with 503 (that instance is gone).
   */
  readonly cancelTimeoutMs: number;
}

export const DEFAULT_HISTORY_JOBS_CONFIG: HistoryJobsConfig = {
  perAccount: 2,
  concurrency: 2,
  retentionHours: 24,
  cancelTimeoutMs: 5_000,
};

/** HISTORY_JOBS_PER_ACCOUNT, _CONCURRENCY, _RETENTION_HOURS and _CANCEL_TIMEOUT_MS. */
export function readHistoryJobsConfig(env: EnvReader): HistoryJobsConfig {
  const d = DEFAULT_HISTORY_JOBS_CONFIG;
  return {
    perAccount: env.int("HISTORY_JOBS_PER_ACCOUNT", d.perAccount, 1, 100),
    concurrency: env.int("HISTORY_JOBS_CONCURRENCY", d.concurrency, 1, 64),
    retentionHours: env.int(
      "HISTORY_JOBS_RETENTION_HOURS",
      d.retentionHours,
      1,
      24 * 365,
    ),
    cancelTimeoutMs: env.int(
      "HISTORY_JOBS_CANCEL_TIMEOUT_MS",
      d.cancelTimeoutMs,
      100,
      60_000,
    ),
  };
}
