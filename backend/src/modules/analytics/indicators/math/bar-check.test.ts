import { describe, expect, it } from "vitest";
import { createIndicator, INDICATOR_KINDS } from "./index";
import { randomWalk } from "./test-support/random-walk";
import type { OhlcvBar } from "./types";

const bars = randomWalk(21, 80);

const hostile = (bar: OhlcvBar): [OhlcvBar, string][] => [
  [{ ...bar, close: NaN }, "bar close must be a finite number"],
  [{ ...bar, high: Infinity }, "bar high must be a finite number"],
  [{ ...bar, time: NaN }, "bar time must be a finite number"],
  [{ ...bar, volume: -1 }, "bar volume must not be negative"],
  [
    { ...bar, open: "1" as unknown as number },
    "bar open must be a finite number",
  ],
];

describe("unusable bars", () => {
  for (const kind of INDICATOR_KINDS) {
    it(`${kind}: push and peek refuse them with a RangeError and every later value is unchanged`, () => {
      const clean = createIndicator(kind, {});
      const expected = bars.map((bar) => clean.push(bar));
      const attacked = createIndicator(kind, {});
      bars.forEach((bar, i) => {
        for (const [bad, reason] of hostile(bar)) {
          expect(() => attacked.peek(bad)).toThrow(new RangeError(reason));
          expect(() => attacked.push(bad)).toThrow(new RangeError(reason));
        }
        expect(attacked.push(bar)).toEqual(expected[i]);
      });
    });
  }
});
