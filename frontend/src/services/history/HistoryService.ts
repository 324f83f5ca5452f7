import type { ApiFailure } from "../../model/apiError";
import {
  toHistoryJob,
  type HistoryJob,
  type HistoryJobInput,
} from "../../model/historyJob";
import { isApiError } from "../../transport/rest/call";
import type { HistoryApi } from "../../transport/rest/historyApi";
import type { WsAdapter } from "../../transport/ws/wsAdapter";
import { channelStream, type Stream } from "../stream";

export type JobOutcome =
  | { readonly ok: true; readonly job: HistoryJob }
  | { readonly ok: false; readonly error: ApiFailure };

/**
 * Jobs are started and cancelled over REST; their progress comes on the account's `jobs` channel
 * (a snapshot of the newest jobs, then every change), which the store follows.
 */
export class HistoryService {
  readonly jobs: Stream<HistoryJob>;

  constructor(
    private readonly api: HistoryApi,
    adapter: Pick<WsAdapter, "jobs">,
  ) {
    this.jobs = channelStream(adapter.jobs, {});
  }

  start(input: HistoryJobInput): Promise<JobOutcome> {
    return this.outcome(() => this.api.create(input));
  }

  cancel(jobId: string): Promise<JobOutcome> {
    return this.outcome(() => this.api.cancel(jobId));
  }

  private async outcome(
    action: () => Promise<Parameters<typeof toHistoryJob>[0]>,
  ): Promise<JobOutcome> {
    try {
      return { ok: true, job: toHistoryJob(await action()) };
    } catch (error) {
      if (!isApiError(error)) throw error;
      return { ok: false, error: error.failure };
    }
  }
}
