import { describe, expect, it } from "vitest";
import { findInstrument, SIMULATED_CATALOG } from "./catalog";
import { historyOf, periodBar } from "./history";

const AAPL = findInstrument(SIMULATED_CATALOG, "AAPL")!;
const NOW = Date.UTC(2026, 10, 25, 15, 0, 30);
const clock = { now: NOW, listedDays: 2 };
const FIVE_MINUTES = { size: 300_000, daily: false };

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
    // 09:30 to 09:50 New York: the session's first four bars.
    const from = Date.UTC(2026, 10, 25, 14, 30) / 1000;
    const to = Date.UTC(2026, 10, 25, 14, 50) / 1000;
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

describe("historyOf with the server's session alignment", () => {
  const HOUR = { size: 3_600_000, daily: false };
  const DAY = { size: 86_400_000, daily: true };
  const EURUSD = findInstrument(SIMULATED_CATALOG, "EURUSD")!;

  it("stamps AAPL 60 bars at 09:30 ... 15:30 New York, skipping the night, each with a session VWAP", () => {
    // Thursday 2026-11-26 10:10 New York: the forming bar is 09:30; before it Wednesday's seven.
    const now = Date.UTC(2026, 10, 26, 15, 10);
    const answer = historyOf(
      AAPL,
      HOUR,
      { from: 0, to: now / 1000, countBack: 8 },
      { now, listedDays: 5 },
    );
    const hours = [14, 15, 16, 17, 18, 19, 20].map(
      (h) => Date.UTC(2026, 10, 25, h, 30) / 1000,
    );
    expect(answer.s === "ok" ? answer.t : []).toEqual([
      ...hours,
      Date.UTC(2026, 10, 26, 14, 30) / 1000,
    ]);
  });

  it("labels EURUSD daily bars by trading day: Sunday evening's trades are Monday's bar", () => {
    // Monday 2026-11-30 01:00 UTC: the Monday session opened Sunday 22:00 UTC.
    const now = Date.UTC(2026, 10, 30, 1, 0);
    const answer = historyOf(
      EURUSD,
      DAY,
      { from: 0, to: now / 1000 + 86_400, countBack: 2 },
      { now, listedDays: 10 },
    );
    expect(answer.s === "ok" ? answer.t : []).toEqual([
      Date.UTC(2026, 10, 27) / 1000,
      Date.UTC(2026, 10, 30) / 1000,
    ]);
  });
});

describe("periodBar", () => {
  it("carries the session VWAP, between the session's low and high", () => {
    const now = Date.UTC(2026, 10, 25, 16, 0);
    const session = Date.UTC(2026, 10, 25, 14, 30);
    const bar = periodBar(
      AAPL,
      { label: session, start: session, end: now, sessionStart: session },
      now,
    );
    expect(bar.vwap).toBeGreaterThanOrEqual(bar.low);
    expect(bar.vwap).toBeLessThanOrEqual(bar.high);
  });
});
