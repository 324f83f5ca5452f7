import type { Selectable } from "kysely";
import type { HistoryJobsTable } from "../../../../db/schema";
import type {
  HistoryJob,
  HistoryJobError,
  HistoryJobInput,
  HistoryJobStatus,
  StoredJob,
} from "../model";

export type JobRow = Selectable<HistoryJobsTable>;

export function jobFromRow(row: JobRow): StoredJob {
  const job: HistoryJob = {
    id: row.id,
    status: row.status as HistoryJobStatus,
    request: JSON.parse(row.request) as HistoryJobInput,
    barsDone: row.bars_done,
    barsTotal: row.bars_total,
    rate: 0,
    createdAt: row.created_at,
    ...(row.started_at !== null ? { startedAt: row.started_at } : {}),
    ...(row.finished_at !== null ? { finishedAt: row.finished_at } : {}),
    ...(row.bytes !== null ? { bytes: row.bytes } : {}),
    ...(row.error_code !== null
      ? {
          error: {
            code: row.error_code as HistoryJobError["code"],
            message: row.error_message ?? "",
          },
        }
      : {}),
  };
  return {
    accountId: row.account_id,
    instanceId: row.instance_id,
    job,
    filePath: row.file_path,
  };
}

/** The row of a job, but its heartbeat (the runner stamps that, store/job-store.ts). */
export function jobToRow(stored: StoredJob): Omit<JobRow, "heartbeat_at"> {
  const { job } = stored;
  return {
    id: job.id,
    account_id: stored.accountId,
    instance_id: stored.instanceId,
    request: JSON.stringify(job.request),
    status: job.status,
    bars_done: job.barsDone,
    bars_total: job.barsTotal,
    created_at: job.createdAt,
    started_at: job.startedAt ?? null,
    finished_at: job.finishedAt ?? null,
    file_path: stored.filePath,
    bytes: job.bytes ?? null,
    error_code: job.error?.code ?? null,
    error_message: job.error?.message ?? null,
  };
}
