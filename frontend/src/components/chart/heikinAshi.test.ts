import { describe, expect, it } from "vitest";
import { applyHeikinAshi, heikinAshi } from "./heikinAshi";

const bars = [
  { time: 1, open: 10, high: 12, low: 9, close: 11 },
  { time: 2, open: 11, high: 14, low: 10, close: 13 },
  { time: 3, open: 13, high: 13.5, low: 8, close: 9 },
];

describe("heikinAshi", () => {
  it("computes known values", () => {
    const ha = heikinAshi(bars);
    // First: close (10+12+9+11)/4 = 10.5, open (10+11)/2 = 10.5.
    expect(ha[0]).toEqual({
      time: 1,
      open: 10.5,
      high: 12,
      low: 9,
      close: 10.5,
    });
    // Second: close (11+14+10+13)/4 = 12, open (10.5+10.5)/2 = 10.5.
    expect(ha[1]).toEqual({
      time: 2,
      open: 10.5,
      high: 14,
      low: 10,
      close: 12,
    });
    // Third: close (13+13.5+8+9)/4 = 10.875, open (10.5+12)/2 = 11.25; the HA open tops the high.
    expect(ha[2]).toEqual({
      time: 3,
      open: 11.25,
      high: 13.5,
      low: 8,
      close: 10.875,
    });
  });

  it("an empty series has no candles", () => {
    expect(heikinAshi([])).toEqual([]);
  });

  it("recomputes the forming candle from the one before, not from itself", () => {
    const candles = heikinAshi(bars.slice(0, 2));
    const forming = applyHeikinAshi(candles, {
      time: 2,
      open: 11,
      high: 15,
      low: 10,
      close: 14,
    });
    // open stays (10.5+10.5)/2 whatever the forming bar does; close (11+15+10+14)/4 = 12.5.
    expect(forming).toEqual({
      time: 2,
      open: 10.5,
      high: 15,
      low: 10,
      close: 12.5,
    });
    expect(candles).toHaveLength(2);
    // Then a new bar opens on top of the final forming candle, as a full recompute would.
    applyHeikinAshi(candles, bars[2]!);
    const full = heikinAshi([
      bars[0]!,
      { ...bars[1]!, high: 15, close: 14 },
      bars[2]!,
    ]);
    expect(candles).toEqual(full);
  });

  it("ignores a stale bar", () => {
    const candles = heikinAshi(bars);
    expect(applyHeikinAshi(candles, bars[0]!)).toBeNull();
    expect(candles).toHaveLength(3);
  });
});
