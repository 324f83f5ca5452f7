import { describe, expect, it } from "vitest";
import {
  decimalsOfStep,
  defaultQuantity,
  formatSteps,
  lotOf,
  wholeSteps,
} from "./orderSizing";

describe("order sizing", () => {
  it("reads the lot the broker publishes, FX's 1,000 units included", () => {
    expect(lotOf({ lotSize: 1 })).toBe(1);
    expect(lotOf({ lotSize: 0.0001 })).toBe(0.0001);
    expect(lotOf({ lotSize: 1000 })).toBe(1000);
    expect(decimalsOfStep(1000)).toBe(0);
    expect(decimalsOfStep(0.0001)).toBe(4);
    expect(decimalsOfStep(0.25)).toBe(2);
  });

  it("gives the default notional's worth in whole lots, rounded down, at least one lot", () => {
    expect(defaultQuantity(1, 232.15, 1000)).toBe("4");
    expect(defaultQuantity(1, 250, 1000)).toBe("4");
    expect(defaultQuantity(0.0001, 96_000, 1000)).toBe("0.0104");
    expect(defaultQuantity(1, 5000, 1000)).toBe("1");
    expect(defaultQuantity(0.0001, 96_000, 1)).toBe("0.0001");
    // EURUSD: 1,000 of notional is 858 euros, under one 1,000-unit lot: one lot.
    expect(defaultQuantity(1000, 1.165, 1000)).toBe("1000");
    expect(defaultQuantity(1000, 1.165, 10_000)).toBe("8000");
  });

  it("counts whole steps despite float noise and spots values off the grid", () => {
    expect(wholeSteps(0.3, 0.1)).toBe(3);
    expect(wholeSteps(0.00015, 0.0001)).toBeNull();
    expect(formatSteps(3, 0.1)).toBe("0.3");
  });
});
