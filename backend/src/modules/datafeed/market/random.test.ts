import { describe, expect, it } from "vitest";
import {
  inverseNormalCdf,
  MinuteRandom,
  minuteKey,
  quantileTable,
  streamKey,
} from "./random";

const DRAWS = 200_000;

function sample(draw: (rng: MinuteRandom) => number, key = 12345): number[] {
  const rng = new MinuteRandom(key);
  return Array.from({ length: DRAWS }, () => draw(rng));
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length;
};

describe("keys", () => {
  it("depend on seed, name and minute, and on nothing else", () => {
    expect(streamKey(42, "AAPL")).toBe(streamKey(42, "AAPL"));
    expect(streamKey(42, "AAPL")).not.toBe(streamKey(43, "AAPL"));
    expect(streamKey(42, "AAPL")).not.toBe(streamKey(42, "MSFT"));
    // Both halves of a seed above 2^32 count.
    expect(streamKey(1, "AAPL")).not.toBe(streamKey(2 ** 32 + 1, "AAPL"));
    const stream = streamKey(42, "AAPL");
    const minute = Date.UTC(2026, 2, 9, 14) / 60_000;
    expect(minuteKey(stream, minute)).toBe(minuteKey(stream, minute));
    expect(minuteKey(stream, minute)).not.toBe(minuteKey(stream, minute + 1));
  });

  it("replays the same draws after a reset", () => {
    const rng = new MinuteRandom(7);
    const first = [rng.nextUint32(), rng.uniform(), rng.gaussian()];
    rng.reset(7);
    expect([rng.nextUint32(), rng.uniform(), rng.gaussian()]).toEqual(first);
  });
});

describe("distributions", () => {
  it("draws uniforms in [0, 1) with mean 1/2", () => {
    const xs = sample((r) => r.uniform());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mean(xs)).toBeCloseTo(0.5, 2);
  });

  it("draws standard normals: mean 0, variance 1, 5 % beyond 1.96", () => {
    const xs = sample((r) => r.gaussian());
    expect(Math.abs(mean(xs))).toBeLessThan(0.01);
    expect(variance(xs)).toBeCloseTo(1, 1);
    const tails = xs.filter((x) => Math.abs(x) > 1.96).length / xs.length;
    expect(tails).toBeGreaterThan(0.045);
    expect(tails).toBeLessThan(0.055);
  });

  it("draws counts with the requested mean and a Poisson spread", () => {
    for (const lambda of [0.5, 3, 15, 60]) {
      const xs = sample((r) => r.poisson(lambda));
      expect(mean(xs) / lambda).toBeCloseTo(1, 1);
      expect(variance(xs) / lambda).toBeGreaterThan(0.9);
      expect(variance(xs) / lambda).toBeLessThan(1.1);
      expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    }
    expect(new MinuteRandom(1).poisson(0)).toBe(0);
  });

  it("draws from a quantile table, here log-normal sizes with median 1", () => {
    const table = quantileTable((z) => Math.exp(0.8 * z));
    const xs = sample((r) => r.fromTable(table)).sort((a, b) => a - b);
    expect(xs[DRAWS / 2]).toBeCloseTo(1, 1);
    expect(xs[0]).toBeGreaterThan(0);
  });

  it("inverts the normal CDF", () => {
    expect(inverseNormalCdf(0.5)).toBeCloseTo(0, 12);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959964, 6);
    expect(inverseNormalCdf(0.001)).toBeCloseTo(-3.090232, 6);
  });
});
