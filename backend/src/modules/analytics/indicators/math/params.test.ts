import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkParams, createIndicator, INDICATOR_KINDS } from "./index";
import type { IndicatorKind, IndicatorParams } from "./types";

// What a client could send: the checks must hold for anything, not just well-typed params.
const check = (kind: unknown, params: unknown) =>
  checkParams(kind as IndicatorKind, params as IndicatorParams);

describe("checkParams", () => {
  it("accepts every kind with its defaults and with values at the bounds", () => {
    for (const kind of INDICATOR_KINDS) expect(check(kind, {})).toBeNull();
    expect(check("sma", { period: 1, source: "ohlc4" })).toBeNull();
    expect(check("rsi", { period: 500 })).toBeNull();
    expect(check("bollinger", { period: 20, stdDev: 0.1 })).toBeNull();
    expect(check("bollinger", { stdDev: 10 })).toBeNull();
    expect(check("macd", { fast: 1, slow: 2, signal: 500 })).toBeNull();
    expect(check("stochastic", { period: 5, signal: 1 })).toBeNull();
  });

  it("rejects periods that are not integers 1..500: fractions, zero, negatives, huge, NaN, strings", () => {
    const bad = [
      14.5,
      0,
      -1,
      -0.5,
      501,
      1e9,
      2 ** 53,
      NaN,
      Infinity,
      -Infinity,
      "14",
      null,
      true,
      [14],
      {},
    ];
    for (const period of bad) {
      expect(check("sma", { period })).toBe("period must be an integer 1..500");
      expect(check("stochastic", { signal: period })).toBe(
        "signal must be an integer 1..500",
      );
      expect(check("macd", { fast: period })).toBe(
        "fast must be an integer 1..500",
      );
      expect(check("macd", { slow: period })).toBe(
        "slow must be an integer 1..500",
      );
    }
  });

  it("rejects a stdDev outside 0.1..10 or not a number", () => {
    for (const stdDev of [0, 0.09, -2, 10.01, NaN, Infinity, "2", null])
      expect(check("bollinger", { stdDev })).toBe(
        "stdDev must be a number 0.1..10",
      );
  });

  it("rejects an unknown source", () => {
    for (const source of ["Close", "vwap", "", 1, null])
      expect(check("ema", { source })).toBe(
        "source must be one of close, open, high, low, hl2, hlc3, ohlc4",
      );
  });

  it("rejects params that belong to other kinds", () => {
    expect(check("rsi", { stdDev: 2 })).toBe("rsi does not take stdDev");
    expect(check("sma", { fast: 3 })).toBe("sma does not take fast");
    expect(check("atr", { source: "close" })).toBe("atr does not take source");
    expect(check("stochastic", { source: "hl2" })).toBe(
      "stochastic does not take source",
    );
    expect(check("macd", { period: 14 })).toBe("macd does not take period");
    expect(check("vwap", { period: 14 })).toBe("vwap does not take period");
    expect(check("obv", { signal: 3 })).toBe("obv does not take signal");
  });

  it("rejects unknown parameter names, quoted and cut to 40 characters", () => {
    expect(check("sma", { length: 14 })).toBe('unknown parameter "length"');
    expect(check("sma", { constructor: 1 })).toBe(
      'unknown parameter "constructor"',
    );
    expect(check("sma", JSON.parse('{"__proto__": {"period": 3}}'))).toBe(
      'unknown parameter "__proto__"',
    );
    expect(check("sma", { ["x".repeat(10_000)]: 1 })).toBe(
      `unknown parameter "${"x".repeat(40)}"`,
    );
  });

  it("rejects macd with fast >= slow, defaults included", () => {
    expect(check("macd", { fast: 26, slow: 26 })).toBe(
      "macd: fast must be < slow",
    );
    expect(check("macd", { fast: 30, slow: 10 })).toBe(
      "macd: fast must be < slow",
    );
    expect(check("macd", { fast: 30 })).toBe("macd: fast must be < slow");
    expect(check("macd", { slow: 12 })).toBe("macd: fast must be < slow");
  });

  it("rejects unknown kinds and params that are not an object", () => {
    expect(check("foo", {})).toBe('unknown indicator kind "foo"');
    expect(check("toString", {})).toBe('unknown indicator kind "toString"');
    expect(check(Object.create(null), {})).toBe(
      "unknown indicator kind (a object)",
    );
    expect(check(7, {})).toBe("unknown indicator kind (a number)");
    for (const params of [null, undefined, 14, "period", [14]])
      expect(check("sma", params)).toBe("params must be an object");
  });

  it("never throws on arbitrary input, and createIndicator accepts exactly what it accepts", () => {
    const kinds = fc.oneof(
      fc.constantFrom(...INDICATOR_KINDS),
      fc.string(),
      fc.anything(),
    );
    fc.assert(
      fc.property(kinds, fc.anything(), (kind, params) => {
        const reason = check(kind, params);
        expect(reason === null || typeof reason === "string").toBe(true);
        const build = () =>
          createIndicator(kind as IndicatorKind, params as IndicatorParams);
        if (reason === null) expect(build).not.toThrow();
        else expect(build).toThrow(new RangeError(reason));
      }),
      { numRuns: 500 },
    );
  });
});
