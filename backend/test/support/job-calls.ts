import type { Bar, HistoryJob, HistoryJobInput } from "@tradewire/client";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCsvExport, readParquetExport } from "../../src/testing";
import type { Frame, TestSocket } from "./test-socket";
import type { TradingApp } from "./trading-app";

export const JOBS = "/api/v1/history/jobs";

/** The history jobs' REST calls, as a user makes them (of one app, or one instance of a cluster). */
export function jobCalls(app: () => Pick<TradingApp, "request" | "httpUrl">) {
  return {
    create: (token: string, body: unknown, query = "") =>
      app().request<HistoryJob & { code?: string; field?: string }>(
        "POST",
        `${JOBS}${query}`,
        { token, body },
      ),
    get: (token: string, id: string, query = "") =>
      app().request<HistoryJob & { code?: string }>(
        "GET",
        `${JOBS}/${id}${query}`,
        { token },
      ),
    list: (token: string, query = "") =>
      app().request<HistoryJob[]>("GET", `${JOBS}${query}`, { token }),
    cancel: (token: string, id: string, query = "") =>
      app().request<HistoryJob & { code?: string }>(
        "POST",
        `${JOBS}/${id}/cancel${query}`,
        { token },
      ),
    /** The file, read whole (a test's files are small). */
    async download(token: string, url: string) {
      const res = await fetch(`${app().httpUrl}${url}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return {
        status: res.status,
        headers: res.headers,
        text: await res.text(),
      };
    },
    /** The file downloaded, then read back by the export readers: its facts and bars by symbol. */
    async downloadBars(token: string, job: HistoryJob) {
      const res = await fetch(`${app().httpUrl}${job.downloadUrl as string}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.status !== 200)
        throw new Error(`download answered ${res.status}`);
      const path = join(mkdtempSync(join(tmpdir(), "tw-download-")), "file");
      writeFileSync(path, Buffer.from(await res.arrayBuffer()));
      const file =
        job.request.format === "csv"
          ? await readCsvExport(path)
          : await readParquetExport(path);
      const bars = new Map<string, Bar[]>();
      for (const { symbol, ...bar } of file.rows)
        bars.set(symbol, [...(bars.get(symbol) ?? []), bar]);
      return { facts: file.facts, bars, headers: res.headers };
    },
    /** `/bars` over [from, to) read day by day, concatenated: what a job's file must hold. */
    async barsInDays(
      symbol: string,
      resolution: string,
      from: number,
      to: number,
    ) {
      const out: Bar[] = [];
      for (let start = from; start < to; start += 86_400) {
        const end = Math.min(to, start + 86_400);
        const res = await app().request<{ bars: Bar[] }>(
          "GET",
          `/api/v1/datafeed/bars?symbol=${symbol}&resolution=${resolution}&from=${start}&to=${end}`,
        );
        if (res.status !== 200)
          throw new Error(
            `/bars answered ${res.status}: ${JSON.stringify(res.body)}`,
          );
        out.push(...res.body.bars);
      }
      return out;
    },
  };
}

export function jobInput(over: Partial<HistoryJobInput>): HistoryJobInput {
  return {
    symbols: ["BTCUSD"],
    resolution: "1",
    from: 0,
    to: 1,
    format: "csv",
    ...over,
  };
}

/** The `jobs` updates of one job, in arrival order, until it ends (they are removed from the queue). */
export async function updatesUntilEnd(
  socket: TestSocket,
  jobId: string,
  timeoutMs = 60_000,
): Promise<HistoryJob[]> {
  const seen: HistoryJob[] = [];
  for (;;) {
    const frame: Frame = await socket.next(
      (f) =>
        f.type === "jobs.update" &&
        (f.payload.payload as HistoryJob).id === jobId,
      timeoutMs,
    );
    const job = frame.payload.payload as HistoryJob;
    seen.push(job);
    if (["completed", "failed", "cancelled"].includes(job.status)) return seen;
  }
}

/** Wait for the job's update with this status (earlier updates of it are dropped). */
export async function nextWithStatus(
  socket: TestSocket,
  jobId: string,
  status: HistoryJob["status"],
  timeoutMs = 60_000,
): Promise<HistoryJob> {
  const frame = await socket.next((f) => {
    if (f.type !== "jobs.update") return false;
    const job = f.payload.payload as HistoryJob;
    return job.id === jobId && job.status === status;
  }, timeoutMs);
  return frame.payload.payload as HistoryJob;
}

/** The ten symbols with the most stored minutes (crypto 24x7, FX 24x5, one stock): long jobs. */
export const DENSE_SYMBOLS = [
  "BTCUSD",
  "ETHUSD",
  "SOLUSD",
  "EURUSD",
  "GBPUSD",
  "USDJPY",
  "AUDUSD",
  "USDCHF",
  "USDCAD",
  "AAPL",
];
