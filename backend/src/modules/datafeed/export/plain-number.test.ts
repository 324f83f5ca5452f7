import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainNumber } from "./plain-number";

describe("plainNumber", () => {
  it("writes plain decimals where String() would switch to exponents", () => {
    expect(plainNumber(0)).toBe("0");
    expect(plainNumber(0.00001)).toBe("0.00001");
    expect(plainNumber(1e-7)).toBe("0.0000001");
    expect(plainNumber(-1.5e-7)).toBe("-0.00000015");
    expect(plainNumber(1e21)).toBe("1000000000000000000000");
    expect(plainNumber(1.2345e25)).toBe("12345000000000000000000000");
    expect(plainNumber(-2.5e22)).toBe("-25000000000000000000000");
    expect(plainNumber(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(plainNumber(1.08123)).toBe("1.08123");
    expect(plainNumber(Number.MAX_SAFE_INTEGER)).toBe("9007199254740991");
    expect(plainNumber(Number.MAX_VALUE)).toBe(
      `17976931348623157${"0".repeat(292)}`,
    );
    expect(plainNumber(Number.MIN_VALUE)).toBe(`0.${"0".repeat(323)}5`);
  });

  it("parses back to exactly the same double, for any finite double, with no exponent", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = plainNumber(x);
        expect(text).toMatch(/^-?\d+(\.\d*[1-9])?$/);
        // -0 is written "0", like String(-0).
        expect(Number(text)).toBe(x === 0 ? 0 : x);
      }),
      { numRuns: 20_000 },
    );
  });

  it("refuses NaN and infinities, which no bar may hold", () => {
    expect(() => plainNumber(Number.NaN)).toThrow(RangeError);
    expect(() => plainNumber(Infinity)).toThrow(RangeError);
    expect(() => plainNumber(-Infinity)).toThrow(RangeError);
  });
});
