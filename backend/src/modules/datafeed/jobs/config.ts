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
  /**
   * HISTORY_JOBS_HEARTBEAT_MS: clustered, how often an instance stamps its queued and running jobs
   * as alive, and how often the leader looks for jobs whose stamp went stale.
   */
  readonly heartbeatMs: number;
  /**
   * HISTORY_JOBS_ORPHAN_AFTER_MS: clustered, how old a queued or running job's heartbeat may get
   * before the leader fails it (its instance is gone); more than twice the heartbeat, so one late
   * heartbeat never fails a live job.
   */
  readonly orphanAfterMs: number;
}

export const DEFAULT_HISTORY_JOBS_CONFIG: HistoryJobsConfig = {
  perAccount: 2,
  concurrency: 2,
  retentionHours: 24,
  cancelTimeoutMs: 5_000,
  heartbeatMs: 10_000,
  orphanAfterMs: 60_000,
};

/** HISTORY_JOBS_PER_ACCOUNT, _CONCURRENCY, _RETENTION_HOURS, _CANCEL_TIMEOUT_MS, _HEARTBEAT_MS, _ORPHAN_AFTER_MS. */
export function readHistoryJobsConfig(env: EnvReader): HistoryJobsConfig {
  const d = DEFAULT_HISTORY_JOBS_CONFIG;
  const heartbeatMs = env.int(
    "HISTORY_JOBS_HEARTBEAT_MS",
    d.heartbeatMs,
    50,
    600_000,
  );
  const orphanAfterMs = env.int(
    "HISTORY_JOBS_ORPHAN_AFTER_MS",
    d.orphanAfterMs,
    1,
    86_400_000,
  );
  if (orphanAfterMs <= 2 * heartbeatMs)
    env.fail(
      "HISTORY_JOBS_ORPHAN_AFTER_MS",
      `must be more than twice HISTORY_JOBS_HEARTBEAT_MS (${heartbeatMs}), got ${orphanAfterMs}`,
    );
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
    heartbeatMs,
    orphanAfterMs,
  };
}
