import { VWAP } from "trading-signals";
import { describe, expect, it } from "vitest";
import { createIndicator, utcDayStart } from "./index";
import { firstMismatch, type Series } from "./test-support/compare";
import { MINUTE_MS, randomWalk } from "./test-support/random-walk";
import type { OhlcvBar } from "./types";

const HOUR_MS = 60 * MINUTE_MS;
const typical = (bar: OhlcvBar) => (bar.high + bar.low + bar.close) / 3;

/** VWAP the long way: walk back to the session's first bar and sum, for every bar. */
function plainVwap(
  bars: readonly OhlcvBar[],
  sessionOf: (time: number) => number,
): Series {
  return bars.map((bar, i) => {
    let priceVolume = 0;
    let volume = 0;
    for (let j = i; j >= 0; j--) {
      const earlier = bars[j] as OhlcvBar;
      if (sessionOf(earlier.time) !== sessionOf(bar.time)) break;
      priceVolume += typical(earlier) * earlier.volume;
      volume += earlier.volume;
    }
    return { value: volume === 0 ? typical(bar) : priceVolume / volume };
  });
}

// Three days of five-minute bars, one in ten without volume.
const bars = randomWalk(11, 864, { stepMs: 5 * MINUTE_MS, zeroVolume: 0.1 });

describe("session VWAP", () => {
  it("matches a direct computation over three UTC days, resetting at each midnight", () => {
    const vwap = createIndicator("vwap", {});
    const ours = bars.map((bar) => vwap.push(bar));
    expect(firstMismatch(ours, plainVwap(bars, utcDayStart))).toBeNull();
    const midnight = bars.findIndex(
      (bar, i) => i > 0 && bar.time % (24 * HOUR_MS) === 0,
    );
    const first = bars[midnight] as OhlcvBar;
    expect(ours[midnight]?.value).toBeCloseTo(typical(first), 10);
  });

  it("follows a custom session start (13:30 UTC)", () => {
    const open = 13.5 * HOUR_MS;
    const sessionStart = (time: number) => utcDayStart(time - open) + open;
    const vwap = createIndicator("vwap", {}, { sessionStart });
    const ours = bars.map((bar) => vwap.push(bar));
    expect(firstMismatch(ours, plainVwap(bars, sessionStart))).toBeNull();
    expect(firstMismatch(ours, plainVwap(bars, utcDayStart))).not.toBeNull();
  });

  it("is the bar's typical price while the session has no volume yet", () => {
    const vwap = createIndicator("vwap", {});
    const quiet = { time: 0, open: 10, high: 12, low: 8, close: 11, volume: 0 };
    expect(vwap.push(quiet)).toEqual({ value: 31 / 3 });
    expect(vwap.push({ ...quiet, time: MINUTE_MS, close: 9 })).toEqual({
      value: 29 / 3,
    });
    expect(
      vwap.push({ ...quiet, time: 2 * MINUTE_MS, volume: 2 })?.value,
    ).toBeCloseTo(31 / 3, 12);
  });

  it("within one session, matches trading-signals' cumulative VWAP", () => {
    const oneDay = randomWalk(12, 1_440);
    const reference = new VWAP();
    const vwap = createIndicator("vwap", {});
    const ours = oneDay.map((bar) => vwap.push(bar));
    const expected = oneDay.map((bar) => {
      const value = reference.add(bar);
      return value === null ? null : { value };
    });
    expect(firstMismatch(ours, expected)).toBeNull();
  });
});
