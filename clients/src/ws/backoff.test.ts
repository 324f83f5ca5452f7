import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  type BackoffOptions,
} from "./backoff.js";

const options: BackoffOptions = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  factor: 2,
  jitter: 0.5,
};

describe("backoffDelay", () => {
  it("doubles from the initial delay while the jitter draw is 0", () => {
    const delays = [1, 2, 3, 4, 5].map((n) =>
      backoffDelay(n, options, () => 0),
    );
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it("stops growing at the cap", () => {
    expect(backoffDelay(7, options, () => 0)).toBe(30_000);
    expect(backoffDelay(50, options, () => 0)).toBe(30_000);
  });

  it("takes away at most `jitter` of the delay", () => {
    expect(backoffDelay(3, options, () => 0.5)).toBe(1500);
    expect(backoffDelay(3, options, () => 0.999_999)).toBe(1001);
  });

  it("stays within [base * (1 - jitter), base] for any draw", () => {
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const base = Math.min(30_000, 500 * 2 ** (attempt - 1));
      for (const draw of [0, 0.1, 0.37, 0.5, 0.82, 0.999]) {
        const delay = backoffDelay(attempt, options, () => draw);
        expect(delay).toBeGreaterThanOrEqual(base * 0.5);
        expect(delay).toBeLessThanOrEqual(base);
        expect(Number.isInteger(delay)).toBe(true);
      }
    }
  });

  it("has the documented defaults", () => {
    expect(DEFAULT_BACKOFF).toEqual(options);
  });
});
