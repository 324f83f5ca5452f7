import { describe, expect, it } from "vitest";
import { buildCatalog, findSymbol } from "./catalog";
import type { CatalogEntry } from "./instrument";
import { QuoteBook } from "./quote-book";
import { generateBars, simulateMinute } from "./simulator";
import type { Trade } from "./types";

const catalog = buildCatalog(Date.UTC(2026, 10, 26));
function entry(ticker: string): CatalogEntry {
  const found = findSymbol(catalog, ticker);
  if (found === undefined) throw new Error(`${ticker} is not listed`);
  return found;
}
const AAPL = entry("AAPL");

/** Monday 2026-03-09 10:00 New York (EDT). */
const MONDAY_10AM = Date.UTC(2026, 2, 9, 14);
const trade = (
  time: number,
  price: number,
  size: number,
  side: Trade["side"],
): Trade => ({ time, price, size, side });

describe("QuoteBook", () => {
  it("quotes the previous close before any trade", () => {
    const book = new QuoteBook(AAPL, 187.23);
    expect(book.quote()).toEqual({
      s: "ok",
      n: "AAPL",
      v: {
        lp: 187.23,
        bid: 187.23,
        ask: 187.24,
        spread: 0.01,
        ch: 0,
        chp: 0,
        open_price: 187.23,
        high_price: 187.23,
        low_price: 187.23,
        prev_close_price: 187.23,
        volume: 0,
        short_name: "AAPL",
        exchange: "NASDAQ",
        description: "Apple Inc.",
        original_name: "NASDAQ:AAPL",
      },
    });
    expect(book.sessionDay).toBeNull();
  });

  it("computes change and change percent against the previous close", () => {
    const book = new QuoteBook(AAPL, 187.23);
    book.applyTrade(trade(MONDAY_10AM, 190, 100, 1));
    expect(book.quote().v).toMatchObject({
      lp: 190,
      // A buy lifts the offer: it traded at the ask.
      ask: 190,
      bid: 189.99,
      spread: 0.01,
      ch: 2.77,
      // 2.77 / 187.23 = 1.4795 %.
      chp: 1.48,
      open_price: 190,
      high_price: 190,
      low_price: 190,
      volume: 100,
    });
    book.applyTrade(trade(MONDAY_10AM + 5_000, 189.5, 300, -1));
    expect(book.quote().v).toMatchObject({
      lp: 189.5,
      bid: 189.5,
      ask: 189.51,
      ch: 2.27,
      chp: 1.21,
      open_price: 190,
      high_price: 190,
      low_price: 189.5,
      volume: 400,
    });
  });

  it("shows a fall as a negative change", () => {
    const book = new QuoteBook(AAPL, 100);
    book.applyTrade(trade(MONDAY_10AM, 97.5, 10, -1));
    expect(book.quote().v).toMatchObject({ ch: -2.5, chp: -2.5 });
  });

  it("starts a new session on the next trading day, closing the previous one", () => {
    const book = new QuoteBook(AAPL, 187.23);
    book.applyTrade(trade(MONDAY_10AM, 190, 100, 1));
    book.applyTrade(trade(MONDAY_10AM + 3_600_000, 189.5, 300, -1));
    expect(book.sessionDay).toBe(Date.UTC(2026, 2, 9));
    // Tuesday 09:30 New York.
    book.applyTrade(trade(Date.UTC(2026, 2, 10, 13, 30), 191, 200, 1));
    expect(book.sessionDay).toBe(Date.UTC(2026, 2, 10));
    expect(book.quote().v).toMatchObject({
      lp: 191,
      prev_close_price: 189.5,
      ch: 1.5,
      chp: 0.79,
      open_price: 191,
      high_price: 191,
      low_price: 191,
      volume: 200,
    });
  });

  it("rolls FX sessions at 17:00 New York and crypto sessions at 00:00 UTC", () => {
    const fx = new QuoteBook(entry("EURUSD"), 1.165);
    fx.applyTrade(trade(Date.UTC(2026, 2, 9, 20, 59), 1.166, 1_000_000, 1));
    fx.applyTrade(trade(Date.UTC(2026, 2, 9, 21, 0), 1.1662, 500_000, 1));
    expect(fx.quote().v).toMatchObject({
      prev_close_price: 1.166,
      open_price: 1.1662,
      ch: 0.0002,
      bid: 1.16615,
      spread: 0.00005,
      volume: 500_000,
    });
    const btc = new QuoteBook(entry("BTCUSD"), 96_000);
    btc.applyTrade(trade(Date.UTC(2026, 2, 9, 23, 59, 59), 96_500, 0.5, -1));
    btc.applyTrade(trade(Date.UTC(2026, 2, 10, 0, 0, 1), 96_400, 0.25, -1));
    expect(btc.quote().v).toMatchObject({
      prev_close_price: 96_500,
      ch: -100,
      chp: -0.1,
      volume: 0.25,
      spread: 1,
    });
  });

  it("agrees with the day's bars when fed a simulated session, by trade or by bar", () => {
    const from = Date.UTC(2026, 2, 9, 13, 30);
    const byTrade = new QuoteBook(AAPL, 232);
    let close = 232;
    for (let t = from; t < from + 390 * 60_000; t += 60_000) {
      const minute = simulateMinute(AAPL, 3, t, close);
      minute.trades.forEach((x) => byTrade.applyTrade(x));
      close = minute.bar?.close ?? close;
    }
    const bars = generateBars(AAPL, 3, from, from + 390 * 60_000, 232);
    const byBar = new QuoteBook(AAPL, 232);
    bars.forEach((bar) => byBar.applyBar(bar));

    const expected = {
      lp: bars[bars.length - 1]?.close,
      open_price: bars[0]?.open,
      high_price: Math.max(...bars.map((b) => b.high)),
      low_price: Math.min(...bars.map((b) => b.low)),
      volume: bars.reduce((sum, b) => sum + b.volume, 0),
      prev_close_price: 232,
    };
    expect(byTrade.quote().v).toMatchObject(expected);
    expect(byBar.quote().v).toMatchObject(expected);
    const { bid, ask, lp } = byTrade.quote().v;
    expect(bid).toBeLessThanOrEqual(lp);
    expect(ask).toBeGreaterThanOrEqual(lp);
  });
});
