// Deterministic bars for the indicator tests: a seeded geometric random walk.
import type { OhlcvBar } from "../types";

export const MINUTE_MS = 60_000;
const START_MS = Date.UTC(2026, 0, 5);

/** mulberry32: a small seeded generator, so every failing case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface WalkOptions {
  readonly stepMs?: number;
  /** Chance of a bar with volume 0 (the references skip or divide by such bars: off by default). */
  readonly zeroVolume?: number;
  /** Chance of a flat bar (open = high = low = close), which makes flat stochastic windows. */
  readonly flat?: number;
}

/** `count` bars of a random walk from 100: each opens at the previous close, volume 1..1000. */
export function randomWalk(
  seed: number,
  count: number,
  options: WalkOptions = {},
): OhlcvBar[] {
  const random = seededRandom(seed);
  const step = options.stepMs ?? MINUTE_MS;
  const bars: OhlcvBar[] = [];
  let close = 100;
  for (let i = 0; i < count; i++) {
    const open = close;
    close = open * Math.exp((random() - 0.5) * 0.02);
    const flat = random() < (options.flat ?? 0);
    if (flat) close = open;
    const high = Math.max(open, close) * (flat ? 1 : 1 + random() * 0.005);
    const low = Math.min(open, close) * (flat ? 1 : 1 - random() * 0.005);
    const volume =
      random() < (options.zeroVolume ?? 0)
        ? 0
        : 1 + Math.floor(random() * 1000);
    bars.push({ time: START_MS + i * step, open, high, low, close, volume });
  }
  return bars;
}

/** A forming version of `bar`: same time and open, a random high/low/close/volume so far. */
export function formingBar(bar: OhlcvBar, random: () => number): OhlcvBar {
  const close = bar.open * Math.exp((random() - 0.5) * 0.02);
  return {
    time: bar.time,
    open: bar.open,
    high: Math.max(bar.open, close) * (1 + random() * 0.005),
    low: Math.min(bar.open, close) * (1 - random() * 0.005),
    close,
    volume: Math.floor(random() * 1000),
  };
}
