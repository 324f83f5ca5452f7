import { describe, expect, it } from "vitest";
import { roundToTick } from "./priceAtTick";

describe("roundToTick", () => {
  it("rounds to the nearest tick without float noise", () => {
    expect(roundToTick(123.456, 0.01)).toBe(123.46);
    expect(roundToTick(123.454, 0.01)).toBe(123.45);
    expect(roundToTick(0.1 + 0.2, 0.01)).toBe(0.3);
    expect(roundToTick(1.234567, 0.00001)).toBe(1.23457);
    expect(roundToTick(4012.13, 0.25)).toBe(4012.25);
    expect(roundToTick(4012.12, 0.25)).toBe(4012);
    expect(roundToTick(152.4, 5)).toBe(150);
    expect(roundToTick(67123.456, 0.5)).toBe(67123.5);
  });

  it("leaves the price when the tick is unusable", () => {
    expect(roundToTick(1.2345, 0)).toBe(1.2345);
    expect(roundToTick(1.2345, NaN)).toBe(1.2345);
  });
});
