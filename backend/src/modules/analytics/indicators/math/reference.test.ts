import fc from "fast-check";
import { getConfig } from "technicalindicators";
import { describe, expect, it } from "vitest";
import {
  createIndicator,
  INDICATOR_KINDS,
  type IndicatorParams,
} from "./index";
import { resolveParams } from "./params";
import { firstIndex, firstMismatch, type Series } from "./test-support/compare";
import { PARAMS } from "./test-support/params-arbitrary";
import { randomWalk } from "./test-support/random-walk";
import { reference } from "./test-support/references";
import {
  SECOND_OPINION_KINDS,
  secondReference,
} from "./test-support/second-references";
import type { IndicatorKind, OhlcvBar } from "./types";

const BARS = 2_000;
const RUNS = Number(process.env.INDICATOR_RUNS ?? 12);

// One session for VWAP: the references' VWAP is cumulative over everything they are given.
const oneSession = { sessionStart: () => 0 };

function run(
  kind: IndicatorKind,
  params: IndicatorParams,
  bars: readonly OhlcvBar[],
) {
  const indicator = createIndicator(kind, params, oneSession);
  return {
    warmup: indicator.warmup,
    series: bars.map((bar) => indicator.push(bar)),
  };
}

// OBV starts at 0 on the first bar (our definition); both references start on the second.
const comparable = (kind: IndicatorKind, series: Series): Series =>
  kind === "obv" ? [null, ...series.slice(1)] : series;

describe("every indicator matches an independent reference library", () => {
  it("technicalindicators does not round (its precision config is unset)", () => {
    expect(getConfig("precision")).toBeUndefined();
  });

  for (const kind of INDICATOR_KINDS) {
    it(`${kind}: the same values within 1e-9 and the same warm-up over ${BARS} bars, several parameter sets`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1 }), PARAMS[kind], (seed, params) => {
          const bars = randomWalk(seed, BARS);
          const ours = run(kind, params, bars);
          const expected = reference(kind, bars, resolveParams(kind, params));
          expect(
            firstMismatch(comparable(kind, ours.series), expected),
          ).toBeNull();
          expect(firstIndex(ours.series)).toBe(ours.warmup - 1);
          if (kind !== "obv")
            expect(firstIndex(expected)).toBe(ours.warmup - 1);
        }),
        { numRuns: RUNS, examples: [[1, {}]] },
      );
    });
  }

  it("obv: 0 on the first bar, then the references' running total", () => {
    const series = run("obv", {}, randomWalk(7, 50)).series;
    expect(series[0]).toEqual({ value: 0 });
    expect(
      firstIndex(reference("obv", randomWalk(7, 50), resolveParams("obv", {}))),
    ).toBe(1);
  });
});

describe("where both libraries define it the same way, the other one agrees too", () => {
  // technicalindicators' RSI is rounded to 2 decimals: half a cent, plus float slack.
  const rounded = () => 0.005 + 1e-9;

  for (const kind of SECOND_OPINION_KINDS) {
    it(`${kind}: matches the second library`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1 }), PARAMS[kind], (seed, params) => {
          const bars = randomWalk(seed, BARS);
          const ours = run(kind, params, bars).series;
          const expected = secondReference(
            kind,
            bars,
            resolveParams(kind, params),
          );
          const allowed = kind === "rsi" ? rounded : undefined;
          expect(firstMismatch(ours, expected, allowed)).toBeNull();
        }),
        { numRuns: RUNS },
      );
    });
  }
});
