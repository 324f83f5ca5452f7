import { describe, expect, it } from "vitest";
import { PriceWindow } from "./price-window";

describe("PriceWindow", () => {
  it("keeps the low and high of the last windowMs, equal to a scan of the window", () => {
    const window = new PriceWindow(10_000);
    const trades: [number, number][] = [];
    let seed = 7;
    for (let i = 0; i < 2_000; i++) {
      seed = (seed * 48271) % 2147483647;
      const time = i * 700;
      const price = 100 + (seed % 1000) / 10;
      window.push(time, price);
      trades.push([time, price]);
      const inside = trades
        .filter(([t]) => t > time - 10_000)
        .map(([, p]) => p);
      expect(window.low()).toBe(Math.min(...inside));
      expect(window.high()).toBe(Math.max(...inside));
    }
  });

  it("reads NaN before the first trade and survives a monotone run longer than its ring", () => {
    const window = new PriceWindow(1_000_000);
    expect(window.low()).toBeNaN();
    for (let i = 0; i < 100; i++) window.push(i, 1000 - i);
    expect(window.low()).toBe(901);
    expect(window.high()).toBe(1000);
  });
});
