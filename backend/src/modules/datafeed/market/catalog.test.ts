import { describe, expect, it } from "vitest";
import { buildCatalog, findSymbol, searchResult, symbolInfo } from "./catalog";
import type { CatalogEntry } from "./instrument";

const NOW = Date.UTC(2026, 10, 26, 12);
const catalog = buildCatalog(NOW);

function entry(ticker: string): CatalogEntry {
  const found = findSymbol(catalog, ticker);
  if (found === undefined) throw new Error(`${ticker} is not listed`);
  return found;
}

const tickers = (entries: readonly CatalogEntry[]) =>
  entries.map((e) => e.ticker);

describe("catalog", () => {
  it("lists stocks, FX majors, crypto, three index futures months and the continuous series", () => {
    expect(tickers(catalog)).toEqual([
      "AAPL",
      "MSFT",
      "NVDA",
      "AMZN",
      "TSLA",
      "GOOGL",
      "META",
      "NFLX",
      "JPM",
      "XOM",
      "EURUSD",
      "GBPUSD",
      "USDJPY",
      "AUDUSD",
      "USDCHF",
      "USDCAD",
      "BTCUSD",
      "ETHUSD",
      "SOLUSD",
      "ESZ6",
      "ESH7",
      "ESM7",
      "NQZ6",
      "NQH7",
      "NQM7",
      "ES1!",
      "ES2!",
      "NQ1!",
      "NQ2!",
    ]);
  });

  it("gives each asset class its TradingView session, zone and tick", () => {
    const pick = (ticker: string) => {
      const info = symbolInfo(entry(ticker));
      return [
        info.type,
        info.session,
        info.timezone,
        info.exchange,
        info.minmov,
        info.pricescale,
        info.currency_code,
      ];
    };
    expect(pick("AAPL")).toEqual([
      "stock",
      "0930-1600:23456",
      "America/New_York",
      "NASDAQ",
      1,
      100,
      "USD",
    ]);
    expect(pick("JPM")[3]).toBe("NYSE");
    expect(pick("EURUSD")).toEqual([
      "forex",
      "1700-1700:23456",
      "America/New_York",
      "FX",
      1,
      100000,
      "USD",
    ]);
    expect(pick("USDJPY").slice(4)).toEqual([1, 1000, "JPY"]);
    expect(pick("BTCUSD")).toEqual([
      "crypto",
      "24x7",
      "Etc/UTC",
      "CRYPTO",
      1,
      100,
      "USD",
    ]);
    // A quarter point: minmov 25 over pricescale 100.
    expect(pick("ESZ6")).toEqual([
      "futures",
      "1700-1600:23456",
      "America/Chicago",
      "CME",
      25,
      100,
      "USD",
    ]);
  });

  it("builds a complete LibrarySymbolInfo", () => {
    expect(symbolInfo(entry("ESZ6"))).toEqual({
      name: "ESZ6",
      ticker: "ESZ6",
      full_name: "CME:ESZ6",
      description: "E-mini S&P 500 Futures (Dec 2026)",
      type: "futures",
      session: "1700-1600:23456",
      timezone: "America/Chicago",
      exchange: "CME",
      listed_exchange: "CME",
      format: "price",
      minmov: 25,
      pricescale: 100,
      has_intraday: true,
      has_daily: true,
      has_weekly_and_monthly: true,
      supported_resolutions: [
        "1",
        "3",
        "5",
        "15",
        "30",
        "60",
        "120",
        "240",
        "1D",
        "1W",
        "1M",
      ],
      intraday_multipliers: ["1"],
      daily_multipliers: ["1"],
      volume_precision: 0,
      data_status: "streaming",
      currency_code: "USD",
      lot_size: 1,
      point_value: 50,
      margin_rate: 0.05,
      // Friday 2026-12-18 08:30 Chicago (CST) = 14:30 UTC.
      expiration_date: Date.UTC(2026, 11, 18, 14, 30) / 1000,
    });
    expect(symbolInfo(entry("AAPL"))).not.toHaveProperty("expiration_date");
    expect(symbolInfo(entry("BTCUSD")).volume_precision).toBe(4);
  });

  it("publishes each asset class's lot, point value and margin rate", () => {
    const terms = (ticker: string) => {
      const { lot_size, point_value, margin_rate } = symbolInfo(entry(ticker));
      return { lot_size, point_value, margin_rate };
    };
    expect(terms("AAPL")).toEqual({
      lot_size: 1,
      point_value: 1,
      margin_rate: 0.5,
    });
    expect(terms("EURUSD")).toEqual({
      lot_size: 1000,
      point_value: 1,
      margin_rate: 1 / 30,
    });
    expect(terms("BTCUSD")).toEqual({
      lot_size: 0.0001,
      point_value: 1,
      margin_rate: 0.5,
    });
    expect(terms("SOLUSD")).toEqual({
      lot_size: 0.01,
      point_value: 1,
      margin_rate: 0.5,
    });
    expect(terms("NQ1!")).toEqual({
      lot_size: 1,
      point_value: 20,
      margin_rate: 0.05,
    });
    // A continuous series carries the terms of the contracts it follows.
    expect(terms("ES1!")).toEqual(terms("ESZ6"));
    expect(terms("ES2!")).toEqual({
      lot_size: 1,
      point_value: 50,
      margin_rate: 0.05,
    });
  });

  it("has realistic volatility for each asset class", () => {
    const vol = (ticker: string) => entry(ticker).sim.annualVolatility;
    for (const e of catalog) {
      const range = {
        stock: [0.25, 0.45],
        forex: [0.06, 0.1],
        crypto: [0.5, 0.8],
        futures: [0.15, 0.2],
        index: [0, 0],
      }[e.type];
      expect(e.sim.annualVolatility).toBeGreaterThanOrEqual(range[0] ?? 0);
      expect(e.sim.annualVolatility).toBeLessThanOrEqual(range[1] ?? 0);
    }
    expect(vol("BTCUSD")).toBeGreaterThan(vol("AAPL"));
    expect(vol("AAPL")).toBeGreaterThan(vol("EURUSD"));
  });

  it("resolves a ticker in any case and with its exchange prefix", () => {
    expect(findSymbol(catalog, "aapl")?.ticker).toBe("AAPL");
    expect(findSymbol(catalog, "NASDAQ:AAPL")?.ticker).toBe("AAPL");
    expect(findSymbol(catalog, "NYSE:AAPL")).toBeUndefined();
    expect(findSymbol(catalog, "IBM")).toBeUndefined();
  });

  it("maps an entry to a UDF search row", () => {
    expect(searchResult(entry("EURUSD"))).toEqual({
      symbol: "EURUSD",
      full_name: "FX:EURUSD",
      description: "Euro / U.S. Dollar",
      exchange: "FX",
      ticker: "EURUSD",
      type: "forex",
    });
  });
});
