import type {
  HistoryJob,
  HistoryJobError,
  HistoryJobInput,
  HistoryJobStatus,
} from "@tradewire/client";

export type { HistoryJob, HistoryJobError, HistoryJobInput, HistoryJobStatus };

/** A job as the server keeps it: the wire job without its download URL, plus what stays inside. */
export interface StoredJob {
  readonly accountId: string;
  /** The instance that runs it (a restart fails only its own). */
  readonly instanceId: string;
  readonly job: HistoryJob;
  /** Where the file is (being) written; null once removed or before the job ran. */
  readonly filePath: string | null;
}

/** Statuses after which nothing about the job changes any more. */
export const ENDED: ReadonlySet<HistoryJobStatus> = new Set([
  "completed",
  "failed",
  "cancelled",
]);

/** Jobs a listing and a snapshot show at most, newest first. */
export const LIST_LIMIT = 50;

/** Why a job that was queued or running when its server stopped is failed at the next start. */
export const RESTART_ERROR: HistoryJobError = {
  code: "SERVICE_UNAVAILABLE",
  message: "the server restarted while the job ran; start it again",
};
