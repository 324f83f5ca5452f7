import { Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { PositionBook } from "./positionBook";

describe("simulated position book", () => {
  it("holds each position's notional times its SymbolInfo margin rate out of buying power", () => {
    const book = new PositionBook("sim", "USD", 10_000);
    book.fill("EURUSD", Side.Buy, 3000, 1.2, 0, 1);
    // 3,600 of EURUSD at 1/30: 120 held.
    expect(book.equity(2).buyingPower).toBe(9880);
    book.fill("AAPL", Side.Buy, 10, 200, 0, 3);
    // 2,000 of AAPL at 50 %: 1,000 more.
    expect(book.equity(4).buyingPower).toBe(8880);
  });
});
