import { describe, expect, it } from "vitest";
import type { RollsResponse_Api_Backend } from "../clients/api-types-generated";
import { rollBarTimes, rollLabel, toRollSchedule, type Roll } from "./roll";
import { isContinuous } from "./symbol";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** ESZ6 → ESH7 on the trading day of Friday 2026-12-11, which opens Thursday 23:00 UTC. */
const Z6_H7: Roll = {
  time: Date.UTC(2026, 11, 10, 23),
  tradingDay: Date.UTC(2026, 11, 11),
  from: "ESZ6",
  to: "ESH7",
  difference: 12.25,
  ratio: 1.0018,
};

describe("continuous futures rolls", () => {
  it("reads the server's rolls and names continuous series", () => {
    const wire: RollsResponse_Api_Backend = {
      symbol: "ES1!",
      roll: "volume",
      rollDays: 6,
      contract: "ESH7",
      rolls: [
        {
          ...Z6_H7,
          fromClose: 6800,
          toClose: 6812.25,
          offset: 12.25,
          factor: 1.0018,
        },
      ],
    };
    expect(toRollSchedule(wire)).toEqual({
      symbol: "ES1!",
      contract: "ESH7",
      rolls: [Z6_H7],
    });
    expect(["ES1!", "NQ2!", "ES1", "AAPL", "ES0!"].map(isContinuous)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it("labels a roll with the gap it removes, or the factor under ratio", () => {
    expect(rollLabel(Z6_H7, 2)).toBe("ESZ6 → ESH7, +12.25");
    expect(rollLabel({ ...Z6_H7, difference: -3.5 }, 2, "difference")).toBe(
      "ESZ6 → ESH7, −3.50",
    );
    expect(rollLabel(Z6_H7, 2, "ratio")).toBe("ESZ6 → ESH7, ×1.0018");
  });

  it("marks the daily bar of the roll's trading day, or the intraday bar holding its first minute", () => {
    const days = [8, 9, 10, 11, 14].map((d) => Date.UTC(2026, 11, d));
    expect(rollBarTimes([Z6_H7], days, null)).toEqual([
      { roll: Z6_H7, time: Date.UTC(2026, 11, 11) },
    ]);
    const hours = [20, 21, 22, 23, 24].map((h) => Date.UTC(2026, 11, 10, h));
    expect(rollBarTimes([Z6_H7], hours, HOUR)[0]?.time).toBe(Z6_H7.time);
    // 4-hour bars: the one opened at 20:00 holds 23:00.
    const fourHours = [12, 16, 20, 24].map((h) => Date.UTC(2026, 11, 10, h));
    expect(rollBarTimes([Z6_H7], fourHours, 4 * HOUR)[0]?.time).toBe(
      Date.UTC(2026, 11, 10, 20),
    );
    // No trade in the roll's first hour: the first bar after it.
    const gap = [21, 22, 24 + 1].map((h) => Date.UTC(2026, 11, 10, h));
    expect(rollBarTimes([Z6_H7], gap, HOUR)[0]?.time).toBe(
      Date.UTC(2026, 11, 11, 1),
    );
    // Before the loaded bars, or after them: not on the chart.
    expect(rollBarTimes([Z6_H7], [Z6_H7.time + DAY], HOUR)).toEqual([]);
    expect(rollBarTimes([Z6_H7], [Z6_H7.time - 2 * HOUR], HOUR)).toEqual([]);
  });
});
