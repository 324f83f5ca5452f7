import { describe, expect, it } from "vitest";
import type { HistoryJob_Ws_Backend } from "../clients/ws-types-generated";
import { isFinished, jobProgress, toHistoryJob } from "./historyJob";

const WIRE: HistoryJob_Ws_Backend = {
  id: "j1",
  status: "running",
  request: {
    symbols: ["ES1!", "AAPL"],
    resolution: "45",
    from: 1_700_000_000,
    to: 1_700_600_000,
    adjustment: "ratio",
    format: "parquet",
  },
  barsDone: 0,
  barsTotal: 4_000,
  rate: 0,
  etaSeconds: 0,
  createdAt: 1_700_000_100_000,
  startedAt: 1_700_000_100_005,
};

describe("HistoryJob mapper", () => {
  it("maps every field, keeps 0 and fills the spec's default `fill`", () => {
    expect(toHistoryJob(WIRE)).toEqual({
      ...WIRE,
      request: { ...WIRE.request, fill: false },
    });
    const done = toHistoryJob({
      ...WIRE,
      status: "completed",
      barsDone: 3_990,
      barsTotal: 3_990,
      finishedAt: 1_700_000_200_000,
      bytes: 0,
      downloadUrl: "/api/v1/history/jobs/j1/file",
    });
    expect(done.bytes).toBe(0);
    expect(done.downloadUrl).toBe("/api/v1/history/jobs/j1/file");
    const failed = toHistoryJob({
      ...WIRE,
      status: "failed",
      error: { code: "INTERNAL_ERROR", message: "restarted" },
    });
    expect(failed.error).toEqual({
      code: "INTERNAL_ERROR",
      message: "restarted",
    });
    expect("error" in toHistoryJob(WIRE)).toBe(false);
  });

  it("progress: 0 without an estimate, capped at 1, 1 once completed", () => {
    expect(jobProgress({ status: "queued", barsDone: 0, barsTotal: 0 })).toBe(
      0,
    );
    expect(jobProgress({ status: "running", barsDone: 1, barsTotal: 4 })).toBe(
      0.25,
    );
    expect(jobProgress({ status: "running", barsDone: 9, barsTotal: 4 })).toBe(
      1,
    );
    expect(
      jobProgress({ status: "completed", barsDone: 0, barsTotal: 0 }),
    ).toBe(1);
    expect(
      ["queued", "running", "completed", "failed", "cancelled"].map((status) =>
        isFinished({ status: status as HistoryJob_Ws_Backend["status"] }),
      ),
    ).toEqual([false, false, true, true, true]);
  });
});
