import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createIndicator,
  INDICATOR_KINDS,
  type IndicatorParams,
} from "./index";
import { PARAMS } from "./test-support/params-arbitrary";
import {
  formingBar,
  MINUTE_MS,
  randomWalk,
  seededRandom,
} from "./test-support/random-walk";
import type { IndicatorKind, OhlcvBar } from "./types";

const BARS = 600;
const PEEKS_PER_BAR = 3;
// Bars where a peek is also checked against a fresh indicator replayed to that point.
const CHECKPOINTS = new Set([0, 1, 2, 13, 50, 299, 599]);

// Five-minute bars over two days, with flat and zero-volume bars, so forming bars cross VWAP
// sessions, stochastic windows go flat and VWAP meets sessions without volume.
const walk = (seed: number) =>
  randomWalk(seed, BARS, {
    stepMs: 5 * MINUTE_MS,
    zeroVolume: 0.05,
    flat: 0.05,
  });

function replayThenPush(
  kind: IndicatorKind,
  params: IndicatorParams,
  history: readonly OhlcvBar[],
  bar: OhlcvBar,
) {
  const replay = createIndicator(kind, params);
  for (const closed of history) replay.push(closed);
  return replay.push(bar);
}

function checkForming(
  kind: IndicatorKind,
  seed: number,
  params: IndicatorParams,
) {
  const bars = walk(seed);
  const plain = createIndicator(kind, params);
  const expected = bars.map((bar) => plain.push(bar));
  const peeked = createIndicator(kind, params);
  const random = seededRandom(seed ^ 0x5bd1e995);
  bars.forEach((bar, i) => {
    for (let j = 0; j < PEEKS_PER_BAR; j++) {
      const forming = formingBar(bar, random);
      const preview = peeked.peek(forming);
      if (CHECKPOINTS.has(i))
        expect(preview).toEqual(
          replayThenPush(kind, params, bars.slice(0, i), forming),
        );
    }
    expect(peeked.peek(bar)).toEqual(expected[i]);
    expect(peeked.push(bar)).toEqual(expected[i]);
  });
}

describe("peek gives what push would, and changes nothing", () => {
  for (const kind of INDICATOR_KINDS) {
    it(`${kind}: exact peek = push, and interleaved peeks leave every later value unchanged`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1 }), PARAMS[kind], (seed, params) =>
          checkForming(kind, seed, params),
        ),
        { numRuns: 10, examples: [[3, {}]] },
      );
    });
  }

  it("a peek before any bar is null for warming indicators and a value for vwap and obv", () => {
    const bar = walk(5)[0] as OhlcvBar;
    expect(createIndicator("sma", {}).peek(bar)).toBeNull();
    expect(createIndicator("sma", { period: 1 }).peek(bar)).toEqual({
      value: bar.close,
    });
    expect(createIndicator("obv", {}).peek(bar)).toEqual({ value: 0 });
    const typical = (bar.high + bar.low + bar.close) / 3;
    expect(createIndicator("vwap", {}).peek(bar)?.value).toBeCloseTo(
      typical,
      12,
    );
  });
});
