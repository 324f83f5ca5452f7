import { describe, expect, it } from "vitest";
import { needsConfirmation } from "./orderSafety";

const on = {
  confirmOrders: true,
  confirmAboveNotional: 10_000,
  confirmClose: true,
};

describe("needsConfirmation", () => {
  it("asks above the user's notional, not at or below it", () => {
    expect(needsConfirmation({ notional: 10_000.01, closing: false }, on)).toBe(
      true,
    );
    expect(needsConfirmation({ notional: 10_000, closing: false }, on)).toBe(
      false,
    );
    expect(needsConfirmation({ notional: 5, closing: false }, on)).toBe(false);
  });
  it("asks for every order at a threshold of 0, and for none when switched off", () => {
    expect(
      needsConfirmation(
        { notional: 1, closing: false },
        { ...on, confirmAboveNotional: 0 },
      ),
    ).toBe(true);
    expect(
      needsConfirmation(
        { notional: 1e9, closing: false },
        { ...on, confirmOrders: false },
      ),
    ).toBe(false);
  });
  it("asks before closing a position while confirmClose is on, whatever its size", () => {
    expect(needsConfirmation({ notional: 1, closing: true }, on)).toBe(true);
    expect(
      needsConfirmation(
        { notional: 1, closing: true },
        { ...on, confirmClose: false },
      ),
    ).toBe(false);
  });
});
