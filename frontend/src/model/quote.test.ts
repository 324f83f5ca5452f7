import { describe, expect, it } from "vitest";
import type { QuoteData_Ws_Backend } from "../clients/ws-types-generated";
import { toQuote } from "./quote";

const FULL: QuoteData_Ws_Backend = {
  s: "ok",
  n: "AAPL",
  v: {
    lp: 232.15,
    ask: 232.16,
    bid: 232.14,
    spread: 0.02,
    ch: -1.25,
    chp: -0.54,
    open_price: 233,
    high_price: 234.5,
    low_price: 231.8,
    prev_close_price: 233.4,
    volume: 1_234_567,
    short_name: "AAPL",
    exchange: "NASDAQ",
    description: "Apple Inc.",
    original_name: "NASDAQ:AAPL",
  },
};

describe("toQuote", () => {
  it("maps every field, TradingView's short keys to trader names", () => {
    expect(toQuote(FULL)).toStrictEqual({
      symbol: "AAPL",
      last: 232.15,
      ask: 232.16,
      bid: 232.14,
      spread: 0.02,
      change: -1.25,
      changePercent: -0.54,
      open: 233,
      high: 234.5,
      low: 231.8,
      prevClose: 233.4,
      volume: 1_234_567,
      shortName: "AAPL",
      exchange: "NASDAQ",
      description: "Apple Inc.",
      originalName: "NASDAQ:AAPL",
    });
  });

  it("leaves absent optional fields absent", () => {
    const {
      short_name: _a,
      exchange: _b,
      description: _c,
      original_name: _d,
      ...required
    } = FULL.v;
    const quote = toQuote({ ...FULL, v: required });
    expect(quote).not.toHaveProperty("shortName");
    expect(quote).not.toHaveProperty("exchange");
    expect(quote).not.toHaveProperty("description");
    expect(quote).not.toHaveProperty("originalName");
  });

  it("keeps 0 and empty strings as values", () => {
    const zero: QuoteData_Ws_Backend["v"] = {
      lp: 0,
      ask: 0,
      bid: 0,
      spread: 0,
      ch: 0,
      chp: 0,
      open_price: 0,
      high_price: 0,
      low_price: 0,
      prev_close_price: 0,
      volume: 0,
      short_name: "",
      exchange: "",
      description: "",
      original_name: "",
    };
    const quote = toQuote({ s: "ok", n: "X", v: zero });
    expect(quote).toStrictEqual({
      symbol: "X",
      last: 0,
      ask: 0,
      bid: 0,
      spread: 0,
      change: 0,
      changePercent: 0,
      open: 0,
      high: 0,
      low: 0,
      prevClose: 0,
      volume: 0,
      shortName: "",
      exchange: "",
      description: "",
      originalName: "",
    });
  });
});
