import { describe, expect, it } from "vitest";
import {
  decimalsOfStep,
  defaultQuantity,
  formatSteps,
  lotOf,
  wholeSteps,
} from "./orderSizing";

describe("order sizing", () => {
  it("reads the lot from the volume precision", () => {
    expect(lotOf({ volumePrecision: 0 })).toBe(1);
    expect(lotOf({ volumePrecision: 4 })).toBe(0.0001);
    expect(decimalsOfStep(0.0001)).toBe(4);
    expect(decimalsOfStep(0.25)).toBe(2);
  });

  it("gives the default notional's worth in whole lots, rounded down, at least one lot", () => {
    expect(defaultQuantity(1, 232.15, 1000)).toBe("4");
    expect(defaultQuantity(1, 250, 1000)).toBe("4");
    expect(defaultQuantity(0.0001, 96_000, 1000)).toBe("0.0104");
    expect(defaultQuantity(1, 5000, 1000)).toBe("1");
    expect(defaultQuantity(0.0001, 96_000, 1)).toBe("0.0001");
  });

  it("counts whole steps despite float noise and spots values off the grid", () => {
    expect(wholeSteps(0.3, 0.1)).toBe(3);
    expect(wholeSteps(0.00015, 0.0001)).toBeNull();
    expect(formatSteps(3, 0.1)).toBe("0.3");
  });
});
