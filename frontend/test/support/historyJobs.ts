import type { HistoryJob } from "../../src/model/historyJob";

/** A CSV job of AAPL 1-minute bars for the first week of November 2026, changed by `changes`. */
export function job(id: string, changes: Partial<HistoryJob> = {}): HistoryJob {
  return {
    id,
    status: "queued",
    request: {
      symbols: ["AAPL"],
      resolution: "1",
      from: Date.UTC(2026, 10, 2) / 1000,
      to: Date.UTC(2026, 10, 7) / 1000,
      fill: false,
      format: "csv",
    },
    barsDone: 0,
    barsTotal: 0,
    rate: 0,
    createdAt: 1_000,
    ...changes,
  };
}
