import type { Timing } from "../harness/point";
import type { CleanPolicy } from "../scenarios/clean-point";
import { deltaBytes, fieldChangeShares, type DeltaBytes } from "./delta-bytes";
import { timeDeltaCompute, type DeltaCompute } from "./delta-compute";
import { runDeltaCpu, type DeltaCpuPoint } from "./delta-cpu";
import { recordQuotes } from "./record";

export interface DeltaOptions {
  /** Market time recorded from the real datafeed, milliseconds. */
  readonly recordMs: number;
  /** Offered deliveries per second of the fan-out comparison. */
  readonly rates: readonly number[];
  readonly repeats: number;
}

export interface DeltaResult {
  readonly bytes: DeltaBytes[];
  /** Share of updates in which each quote value changed. */
  readonly changes: Record<string, number>;
  readonly cpu: DeltaCpuPoint[];
  /** Once per update, in the orchestrator: the whole frame's serialization against the delta's. */
  readonly compute: DeltaCompute;
}

/**
 * Delta quotes (issue 17, item 7): record the real datafeed's quotes, measure the bytes of each
 * update whole and as a delta, then the server CPU per delivery of both forms on the real server.
 */
export async function runDelta(
  options: DeltaOptions,
  shared: {
    readonly timing: Timing;
    readonly clean: CleanPolicy;
    readonly recordingPath: string;
  },
  log: (line: string) => void,
): Promise<DeltaResult> {
  const topics = await recordQuotes(options.recordMs);
  log(
    `  delta: recorded ${topics.reduce((n, t) => n + t.frames.length - 1, 0)} quote updates of ${topics.length} symbols`,
  );
  const cpu = await runDeltaCpu(
    topics,
    shared.recordingPath,
    { ...options, timing: shared.timing, clean: shared.clean },
    log,
  );
  return {
    bytes: deltaBytes(topics),
    changes: fieldChangeShares(topics),
    cpu,
    compute: timeDeltaCompute(topics),
  };
}
