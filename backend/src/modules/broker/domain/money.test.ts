import { describe, expect, it } from "vitest";
import { AAPL, BTC, ES, USDJPY } from "../fixtures";
import {
  cents,
  commission,
  roundQty,
  tickSize,
  toAccountCurrency,
} from "./money";

describe("money", () => {
  it("books amounts in cents and quantities in 8 decimals, without binary dust", () => {
    expect(cents(0.1 + 0.2)).toBe(0.3);
    expect(cents(10.126)).toBe(10.13);
    expect(cents(-4.994)).toBe(-4.99);
    expect(roundQty(0.1 + 0.2)).toBe(0.3);
    expect(roundQty(1.123456789)).toBe(1.12345679);
  });

  it("derives the tick from minmov / pricescale", () => {
    expect(tickSize(ES)).toBe(0.25);
    expect(tickSize(AAPL)).toBe(0.01);
    expect(tickSize(USDJPY)).toBe(0.001);
  });

  it("converts a USD/xxx pair's quote currency at its own price, and nothing else", () => {
    expect(toAccountCurrency(1500, USDJPY, 150, "USD")).toBe(10);
    expect(toAccountCurrency(42, AAPL, 100, "USD")).toBe(42);
    expect(toAccountCurrency(1500, USDJPY, 0, "USD")).toBeNull();
    expect(
      toAccountCurrency(1, { ...USDJPY, ticker: "EURJPY" }, 160, "USD"),
    ).toBeNull();
  });

  it("charges commission per asset class", () => {
    expect(commission(AAPL, 100, 15_000)).toBe(1);
    expect(commission(AAPL, 1000, 150_000)).toBe(5);
    expect(commission(ES, 3, 900_000)).toBe(6.75);
    expect(commission(USDJPY, 100_000, 100_000)).toBe(2);
    expect(commission(BTC, 0.5, 50_000)).toBe(50);
    expect(commission(BTC, 0.5, -50_000)).toBe(50);
  });
});
