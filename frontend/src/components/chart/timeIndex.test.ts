import { describe, expect, it } from "vitest";
import { logicalToTime, timeToLogical } from "./timeIndex";

// Hourly bars with a gap (a closed night) between the 3rd and the 4th.
const times = [0, 3600, 7200, 50400, 54000];

describe("time <-> logical index", () => {
  it("maps bar times to their index and back", () => {
    times.forEach((t, i) => {
      expect(timeToLogical(times, t)).toBe(i);
      expect(logicalToTime(times, i)).toBe(t);
    });
  });

  it("interpolates inside a gap and extrapolates at both ends", () => {
    expect(timeToLogical(times, 1800)).toBe(0.5);
    expect(timeToLogical(times, 28800)).toBe(2.5);
    expect(timeToLogical(times, 61200)).toBe(6);
    expect(timeToLogical(times, -7200)).toBe(-2);
    expect(logicalToTime(times, 6)).toBe(61200);
    expect(logicalToTime(times, -1)).toBe(-3600);
  });

  it("has nothing to map without bars", () => {
    expect(timeToLogical([], 5)).toBeNull();
    expect(logicalToTime([], 5)).toBeNull();
  });
});
