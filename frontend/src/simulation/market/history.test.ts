import { describe, expect, it } from "vitest";
import { findInstrument, SIMULATED_CATALOG } from "./catalog";
import { historyOf } from "./history";

const AAPL = findInstrument(SIMULATED_CATALOG, "AAPL")!;
const NOW = Date.UTC(2026, 10, 25, 15, 0, 30);
const clock = { now: NOW, listedDays: 2 };
const FIVE_MINUTES = 300_000;

describe("historyOf", () => {
  it("answers the countBack bars before `to`, oldest first, on the bucket grid", () => {
    const to = NOW / 1000;
    const answer = historyOf(
      AAPL,
      FIVE_MINUTES,
      { from: 0, to, countBack: 3 },
      clock,
    );
    expect(answer.s).toBe("ok");
    const times = answer.s === "ok" ? answer.t : [];
    // The forming bar opened at 15:00:00; the two before it at 14:50 and 14:55.
    expect(times).toEqual([
      Date.UTC(2026, 10, 25, 14, 50) / 1000,
      Date.UTC(2026, 10, 25, 14, 55) / 1000,
      Date.UTC(2026, 10, 25, 15, 0) / 1000,
    ]);
  });

  it("answers the bars of [from, to) without countBack, and refuses from >= to", () => {
    const from = Date.UTC(2026, 10, 25, 14, 0) / 1000;
    const to = Date.UTC(2026, 10, 25, 14, 20) / 1000;
    const answer = historyOf(AAPL, FIVE_MINUTES, { from, to }, clock);
    expect(answer.s === "ok" ? answer.t : []).toEqual([
      from,
      from + 300,
      from + 600,
      from + 900,
    ]);
    expect(() =>
      historyOf(AAPL, FIVE_MINUTES, { from: to, to }, clock),
    ).toThrow(expect.objectContaining({ code: "INVALID_RANGE" }) as Error);
  });

  it("answers no_data with the newest earlier bar as nextTime, and none before the listing", () => {
    const future = NOW / 1000 + 3600;
    expect(
      historyOf(AAPL, FIVE_MINUTES, { from: future, to: future + 600 }, clock),
    ).toEqual({ s: "no_data", nextTime: Date.UTC(2026, 10, 25, 15, 0) / 1000 });
    const early = NOW / 1000 - 10 * 86_400;
    expect(
      historyOf(AAPL, FIVE_MINUTES, { from: early, to: early + 600 }, clock),
    ).toEqual({ s: "no_data" });
  });
});
