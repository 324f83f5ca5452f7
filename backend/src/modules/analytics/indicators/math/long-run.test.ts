import { describe, expect, it } from "vitest";
import { createIndicator } from "./index";
import { seededRandom } from "./test-support/random-walk";
import type { OhlcvBar } from "./types";

// 300,000 bars at a price of a million moving by cents: Σx² − (Σx)²/n in plain running sums would
// lose the variance entirely (x² ~ 1e12 has a rounding step of ~1e-4, the variance is ~1e-4),
// and running sums drift. The windows keep sums relative to the mean and resync every period.
const COUNT = 300_000;
const PERIOD = 20;

function bars(): OhlcvBar[] {
  const random = seededRandom(99);
  return Array.from({ length: COUNT }, (_, i) => {
    const close = 1_000_000 + (random() - 0.5) * 0.02;
    return { time: i, open: close, high: close, low: close, close, volume: 1 };
  });
}

/** Mean, population σ and weighted mean of a window, computed directly. */
function direct(window: readonly number[]) {
  const mean = window.reduce((s, x) => s + x, 0) / window.length;
  const variance =
    window.reduce((s, x) => s + (x - mean) ** 2, 0) / window.length;
  const weights = (window.length * (window.length + 1)) / 2;
  const weighted = window.reduce((s, x, i) => s + (i + 1) * x, 0) / weights;
  return { mean, sigma: Math.sqrt(variance), weighted };
}

describe("windowed sums stay exact over long runs at large prices", () => {
  it(`sma, wma and bollinger after ${COUNT} bars at 1e6 ± 0.01 match a direct computation`, () => {
    const series = bars();
    const sma = createIndicator("sma", { period: PERIOD });
    const wma = createIndicator("wma", { period: PERIOD });
    const bands = createIndicator("bollinger", { period: PERIOD, stdDev: 1 });
    for (const [i, bar] of series.entries()) {
      const mean = sma.push(bar)?.value;
      const weighted = wma.push(bar)?.value;
      const sigma = (bands.push(bar)?.upper ?? NaN) - (mean ?? NaN);
      if (i % 49_999 !== 0 && i !== COUNT - 1) continue;
      if (i < PERIOD - 1) continue;
      const want = direct(
        series.slice(i - PERIOD + 1, i + 1).map((b) => b.close),
      );
      expect(Math.abs((mean ?? NaN) - want.mean)).toBeLessThan(1e-9);
      expect(Math.abs((weighted ?? NaN) - want.weighted)).toBeLessThan(1e-9);
      expect(Math.abs(sigma - want.sigma) / want.sigma).toBeLessThan(1e-6);
    }
  });
});
