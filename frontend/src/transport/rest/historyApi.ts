import type {
  HistoryJob_Api_Backend,
  HistoryJobInput_Api_Backend,
} from "../../clients/api-types-generated";

/** History jobs' REST side (/api/v1/history/jobs), in wire shapes; failures are ApiErrors. */
export interface HistoryApi {
  /** The account's jobs, newest first. */
  list(): Promise<HistoryJob_Api_Backend[]>;
  /** Starts a job; the server answers at once with it queued (or already running). */
  create(input: HistoryJobInput_Api_Backend): Promise<HistoryJob_Api_Backend>;
  /** Cancels a queued or running job; an ended one comes back as it is. */
  cancel(jobId: string): Promise<HistoryJob_Api_Backend>;
}
