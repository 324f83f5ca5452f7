import { describe, expect, it } from "vitest";
import type { Bar } from "../../model/bar";
import {
  alignPoints,
  compareLabel,
  percentChange,
  rebasedAt,
  shiftTime,
} from "./compare";

const DAY = 86_400_000;
const bar = (time: number, close: number): Bar => ({
  time,
  open: close,
  high: close,
  low: close,
  close,
  volume: 1,
});

describe("compare normalisation", () => {
  it("percent change from a base", () => {
    expect(percentChange(200, 210)).toBeCloseTo(5, 12);
    expect(percentChange(80, 60)).toBeCloseTo(-25, 12);
    expect(percentChange(1.1, 1.1)).toBe(0);
  });

  it("rebases each series to its own value at the first visible bar", () => {
    const t = (i: number) => Date.UTC(2026, 10, 2) + i * DAY;
    const aapl = [100, 104, 110, 99].map((v, i) => ({ time: t(i), value: v }));
    const msft = [400, 380, 420, 440].map((v, i) => ({ time: t(i), value: v }));
    // The first visible bar is t(1): AAPL 104 → 110 is +5.77 %, MSFT 380 → 420 is +10.53 %.
    expect(rebasedAt(aapl, t(1), t(2))).toBeCloseTo((110 / 104 - 1) * 100, 12);
    expect(rebasedAt(msft, t(1), t(2))).toBeCloseTo((420 / 380 - 1) * 100, 12);
    // At the first visible bar both are 0 %.
    expect(rebasedAt(aapl, t(1), t(1))).toBe(0);
    expect(rebasedAt(msft, t(1), t(1))).toBe(0);
    // Scrolled so the first visible bar is t(0): the base moves with it.
    expect(rebasedAt(msft, t(0), t(3))).toBeCloseTo(10, 12);
    // A series that starts later is based on its own first point on screen.
    expect(rebasedAt(msft.slice(2), t(0), t(3))).toBeCloseTo(
      (440 / 420 - 1) * 100,
      12,
    );
    // Nothing at or before the bar asked for, or nothing at all: no figure.
    expect(rebasedAt(msft.slice(2), t(0), t(1))).toBeUndefined();
    expect(rebasedAt([], t(0), t(1))).toBeUndefined();
  });

  it("shifts by a week or by calendar months", () => {
    const t = Date.UTC(2026, 10, 25, 15);
    expect(shiftTime(t, "1W", -1)).toBe(t - 7 * DAY);
    expect(shiftTime(t, "1M", -1)).toBe(Date.UTC(2026, 9, 25, 15));
    expect(shiftTime(t, "3M", -1)).toBe(Date.UTC(2026, 7, 25, 15));
    expect(shiftTime(t, "12M", -1)).toBe(Date.UTC(2025, 10, 25, 15));
    expect(shiftTime(Date.UTC(2026, 9, 25, 15), "1M", 1)).toBe(t);
  });

  it("places the other series on the main bars' times only", () => {
    const t = (i: number) => Date.UTC(2026, 10, 2) + i * DAY;
    const main = [t(0), t(1), t(2), t(4)];
    // MSFT has no bar at t(1) and one at t(3), where the main series has none.
    const msft = [
      bar(t(0), 400),
      bar(t(2), 402),
      bar(t(3), 403),
      bar(t(4), 404),
    ];
    expect(alignPoints(main, msft, { kind: "symbol", symbol: "MSFT" })).toEqual(
      [
        { time: t(0), value: 400 },
        { time: t(2), value: 402 },
        { time: t(4), value: 404 },
      ],
    );
    // The same symbol a week back: the bar of t(i) − 7 days is drawn at t(i).
    const weekAgo = main.map((time, i) => bar(time - 7 * DAY, 90 + i));
    expect(alignPoints(main, weekAgo, { kind: "shift", period: "1W" })).toEqual(
      main.map((time, i) => ({ time, value: 90 + i })),
    );
  });

  it("names the comparison in the legend", () => {
    expect(compareLabel({ kind: "symbol", symbol: "MSFT" }, "AAPL")).toBe(
      "MSFT",
    );
    expect(compareLabel({ kind: "shift", period: "1M" }, "AAPL")).toBe(
      "AAPL −1 month",
    );
  });
});
