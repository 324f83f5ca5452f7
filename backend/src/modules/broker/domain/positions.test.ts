import { Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { applyFill, FLAT, unrealizedQuote } from "./positions";

const long = (netQty: number, avgPrice: number, realizedPl = 0) => ({
  netQty,
  avgPrice,
  realizedPl,
});

describe("applyFill", () => {
  it("opens from flat at the fill price", () => {
    expect(applyFill(FLAT, Side.Buy, 10, 100, 1)).toEqual({
      position: long(10, 100),
      realizedQuote: 0,
    });
    expect(applyFill(FLAT, Side.Sell, 2, 6000, 50)).toEqual({
      position: long(-2, 6000),
      realizedQuote: 0,
    });
  });

  it("adds at the volume-weighted average price", () => {
    expect(applyFill(long(10, 100), Side.Buy, 30, 104, 1).position).toEqual(
      long(40, 103),
    );
    expect(applyFill(long(-10, 100), Side.Sell, 10, 90, 1).position).toEqual(
      long(-20, 95),
    );
  });

  it("realizes on the reduced quantity and keeps the average", () => {
    expect(applyFill(long(10, 100, 7), Side.Sell, 4, 110, 1)).toEqual({
      position: long(6, 100, 7),
      realizedQuote: 40,
    });
    expect(applyFill(long(-10, 100), Side.Buy, 4, 90, 1)).toEqual({
      position: long(-6, 100),
      realizedQuote: 40,
    });
  });

  it("closes to flat with the point value applied", () => {
    expect(applyFill(long(10, 100), Side.Sell, 10, 95, 50)).toEqual({
      position: long(0, 0),
      realizedQuote: -2500,
    });
  });

  it("crossing through zero closes the old side and opens the rest at the fill price", () => {
    expect(applyFill(long(10, 100), Side.Sell, 15, 120, 1)).toEqual({
      position: long(-5, 120),
      realizedQuote: 200,
    });
  });

  it("nets fractional quantities without binary dust", () => {
    const first = applyFill(FLAT, Side.Buy, 0.1, 50_000, 1).position;
    expect(applyFill(first, Side.Buy, 0.2, 50_000, 1).position.netQty).toBe(
      0.3,
    );
    const reduced = applyFill(long(0.3, 50_000), Side.Sell, 0.1, 50_000, 1);
    expect(reduced.position.netQty).toBe(0.2);
  });
});

describe("unrealizedQuote", () => {
  it("is (mark - average) x signed quantity x point value", () => {
    expect(unrealizedQuote(long(10, 100), 105, 1)).toBe(50);
    expect(unrealizedQuote(long(-2, 6000), 5990, 50)).toBe(1000);
    expect(unrealizedQuote(FLAT, 123, 1)).toBe(0);
  });
});
