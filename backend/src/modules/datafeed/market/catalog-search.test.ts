import { describe, expect, it } from "vitest";
import { buildCatalog, searchSymbols } from "./catalog";
import type { CatalogEntry } from "./instrument";

const catalog = buildCatalog(Date.UTC(2026, 10, 26, 12));

const tickers = (entries: readonly CatalogEntry[]) =>
  entries.map((e) => e.ticker);

describe("searchSymbols", () => {
  it("puts ticker-prefix matches before tickers containing the query, then descriptions", () => {
    expect(tickers(searchSymbols(catalog, "a"))).toEqual([
      // Ticker starts with A, catalog order.
      "AAPL",
      "AMZN",
      "AUDUSD",
      // Ticker contains A.
      "NVDA",
      "TSLA",
      "META",
      "USDCAD",
      // Description contains A ("Netflix, Inc." and "... (Dec 2026)" do not).
      "MSFT",
      "GOOGL",
      "JPM",
      "XOM",
      "EURUSD",
      "GBPUSD",
      "USDJPY",
      "USDCHF",
      "BTCUSD",
      "ETHUSD",
      "SOLUSD",
      "ESH7",
      "NQZ6",
      "NQH7",
      "NQM7",
      // "continuous: front contract".
      "ES1!",
      "ES2!",
      "NQ1!",
      "NQ2!",
    ]);
  });

  it("ranks an exact ticker first", () => {
    expect(tickers(searchSymbols(catalog, "es")).slice(0, 2)).toEqual([
      "ESZ6",
      "ESH7",
    ]);
    expect(tickers(searchSymbols(catalog, "ESH7"))[0]).toBe("ESH7");
  });

  it("finds by description, case-insensitively", () => {
    expect(tickers(searchSymbols(catalog, "apple"))).toEqual(["AAPL"]);
    expect(tickers(searchSymbols(catalog, "NASDAQ-100"))).toEqual([
      "NQZ6",
      "NQH7",
      "NQM7",
      "NQ1!",
      "NQ2!",
    ]);
  });

  it("filters by type and exchange; empty filters mean all", () => {
    expect(tickers(searchSymbols(catalog, "", "forex"))).toEqual([
      "EURUSD",
      "GBPUSD",
      "USDJPY",
      "AUDUSD",
      "USDCHF",
      "USDCAD",
    ]);
    expect(tickers(searchSymbols(catalog, "", "", "NYSE"))).toEqual([
      "JPM",
      "XOM",
    ]);
    expect(tickers(searchSymbols(catalog, "NASDAQ:m"))).toEqual([
      "MSFT",
      "META",
      "AMZN",
    ]);
    expect(searchSymbols(catalog, "", "", "")).toHaveLength(catalog.length);
  });

  it("returns at most `limit` results", () => {
    expect(
      tickers(searchSymbols(catalog, "usd", undefined, undefined, 3)),
    ).toEqual(["USDJPY", "USDCHF", "USDCAD"]);
    expect(searchSymbols(catalog, "", undefined, undefined, 0)).toEqual([]);
  });
});
