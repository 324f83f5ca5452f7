import type {
  Adjustment_Api_Backend,
  ExportFormat_Api_Backend,
  HistoryJob_Api_Backend,
  HistoryJobError_Api_Backend,
  HistoryJobInput_Api_Backend,
  HistoryJobStatus_Api_Backend,
} from "../clients/api-types-generated";
import type { HistoryJob_Ws_Backend } from "../clients/ws-types-generated";
import { optional } from "./optional";

export type Adjustment = Adjustment_Api_Backend;
export type ExportFormat = ExportFormat_Api_Backend;
export type HistoryJobInput = HistoryJobInput_Api_Backend;
export type HistoryJobStatus = HistoryJobStatus_Api_Backend;
export type HistoryJobError = HistoryJobError_Api_Backend;

/** Statuses after which a job never changes again. */
export const FINISHED_STATUSES: readonly HistoryJobStatus[] = [
  "completed",
  "failed",
  "cancelled",
];

/** A history job of the account, as REST answers it and the `jobs` channel sends it. */
export interface HistoryJob {
  readonly id: string;
  readonly status: HistoryJobStatus;
  readonly request: HistoryJobInput;
  readonly barsDone: number;
  readonly barsTotal: number;
  /** Bars per second over the last progress interval. */
  readonly rate: number;
  readonly etaSeconds?: number;
  readonly createdAt: number;
  readonly startedAt?: number;
  readonly finishedAt?: number;
  readonly bytes?: number;
  readonly downloadUrl?: string;
  readonly error?: HistoryJobError;
}

export function toHistoryJob(
  wire: HistoryJob_Ws_Backend | HistoryJob_Api_Backend,
): HistoryJob {
  return {
    id: wire.id,
    status: wire.status,
    // `fill` has a default in the spec, which only the REST types make required.
    request: { ...wire.request, fill: wire.request.fill ?? false },
    barsDone: wire.barsDone,
    barsTotal: wire.barsTotal,
    rate: wire.rate,
    createdAt: wire.createdAt,
    ...optional("etaSeconds", wire.etaSeconds),
    ...optional("startedAt", wire.startedAt),
    ...optional("finishedAt", wire.finishedAt),
    ...optional("bytes", wire.bytes),
    ...optional("downloadUrl", wire.downloadUrl),
    ...optional(
      "error",
      wire.error && { code: wire.error.code, message: wire.error.message },
    ),
  };
}

export function isFinished(job: Pick<HistoryJob, "status">): boolean {
  return FINISHED_STATUSES.includes(job.status);
}

/**
 * How far a job is, 0 to 1: a completed job is 1 whatever its counts, a job with no estimate yet
 * is 0, and an estimate the bars already passed never reads as more than done.
 */
export function jobProgress(
  job: Pick<HistoryJob, "status" | "barsDone" | "barsTotal">,
): number {
  if (job.status === "completed") return 1;
  if (job.barsTotal <= 0) return 0;
  return Math.min(1, job.barsDone / job.barsTotal);
}
