import { hostname } from "node:os";
import type { EnvReader } from "../env";

/** How this instance takes part in a cluster (used only when REDIS_URL is set). */
export interface ClusterConfig {
  /** INSTANCE_ID: names this instance in logs, `/metrics` and bus messages; hostname-pid by default. */
  readonly instanceId: string;
  /** LEADER_POLL_MS: how often a follower tries to become leader and the leader checks its hold. */
  readonly leaderPollMs: number;
}

export const DEFAULT_LEADER_POLL_MS = 1000;

/** Letters, digits and `.`, `_`, `:`, `-`: safe in a metric label and a log line. */
const INSTANCE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The INSTANCE_ID and LEADER_POLL_MS variables. */
export function readClusterConfig(env: EnvReader): ClusterConfig {
  const instanceId = env.raw("INSTANCE_ID") || `${hostname()}-${process.pid}`;
  if (!INSTANCE_ID.test(instanceId))
    env.fail(
      "INSTANCE_ID",
      `must be 1 to 64 letters, digits, '.', '_', ':' or '-', got ${JSON.stringify(instanceId)}`,
    );
  return {
    instanceId,
    leaderPollMs: env.int("LEADER_POLL_MS", DEFAULT_LEADER_POLL_MS, 50, 60_000),
  };
}
