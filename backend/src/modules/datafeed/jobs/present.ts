import type { HistoryJob, HistoryJobInput, StoredJob } from "./model";

/** A job as it leaves: its request with the defaults the spec declares filled in. */
export type WireJob = HistoryJob & {
  request: HistoryJobInput & { fill: boolean };
};

/** Where a job's file is served, with the account named when it is not the token's own. */
export function downloadPath(
  jobId: string,
  accountQuery: string | null,
): string {
  const path = `/api/v1/history/jobs/${encodeURIComponent(jobId)}/file`;
  return accountQuery === null
    ? path
    : `${path}?accountId=${encodeURIComponent(accountQuery)}`;
}

/**
 * The request with the spec's defaults written out, as the REST serializer writes them anyway:
 * the channel and REST then send the same job.
 */
export function withDefaults(
  request: HistoryJobInput,
): HistoryJobInput & { fill: boolean } {
  return { adjustment: "none", roll: "volume", fill: false, ...request };
}

/**
 * The wire job: `downloadUrl` while its file is there (completed and within the retention),
 * `etaSeconds` only while it runs.
 */
export function presentJob(
  stored: StoredJob,
  accountQuery: string | null = null,
): WireJob {
  const { etaSeconds, downloadUrl: _url, ...job } = stored.job;
  return {
    ...job,
    request: withDefaults(job.request),
    ...(job.status === "running" && etaSeconds !== undefined
      ? { etaSeconds }
      : {}),
    ...(job.status === "completed" && stored.filePath !== null
      ? { downloadUrl: downloadPath(job.id, accountQuery) }
      : {}),
  };
}

/** The file name a download is saved as: symbols, resolution and range, nothing else. */
export function downloadName(job: HistoryJob): string {
  const { symbols, resolution, from, to, format } = job.request;
  const day = (s: number) =>
    new Date(s * 1000).toISOString().slice(0, 10).replaceAll("-", "");
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, "_");
  const names =
    symbols.length > 3
      ? `${symbols.slice(0, 3).map(safe).join("-")}-and-${symbols.length - 3}-more`
      : symbols.map(safe).join("-");
  return `tradewire-${names}-${safe(resolution)}-${day(from)}-${day(Math.min(to, 8.64e12))}.${format}`;
}
