import { describe, expect, it } from "vitest";
import type { SymbolInfo_Api_Backend } from "../clients/api-types-generated";
import { precisionOf, toSearchHit, toSymbolSpec } from "./symbol";

const ES: SymbolInfo_Api_Backend = {
  name: "ESZ6",
  ticker: "ESZ6",
  full_name: "CME:ESZ6",
  description: "E-mini S&P 500 Dec 2026",
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
  has_weekly_and_monthly: false,
  supported_resolutions: ["1", "5", "1D"],
  intraday_multipliers: ["1"],
  volume_precision: 0,
  data_status: "streaming",
  currency_code: "USD",
  lot_size: 1,
  point_value: 50,
  margin_rate: 0.05,
  expiration_date: 1_797_984_000,
};

describe("toSymbolSpec", () => {
  it("maps every field and derives the tick size and precision from minmov/pricescale", () => {
    expect(toSymbolSpec(ES)).toStrictEqual({
      symbol: "ESZ6",
      ticker: "ESZ6",
      fullName: "CME:ESZ6",
      description: "E-mini S&P 500 Dec 2026",
      type: "futures",
      exchange: "CME",
      listedExchange: "CME",
      currency: "USD",
      session: "1700-1600:23456",
      timezone: "America/Chicago",
      tickSize: 0.25,
      minmov: 25,
      pricescale: 100,
      pricePrecision: 2,
      volumePrecision: 0,
      lotSize: 1,
      pointValue: 50,
      marginRate: 0.05,
      resolutions: ["1", "5", "1D"],
      intradayMultipliers: ["1"],
      hasIntraday: true,
      hasDaily: true,
      hasWeeklyAndMonthly: false,
      dataStatus: "streaming",
      expiration: 1_797_984_000_000,
    });
  });

  it("fills what the optional fields leave out", () => {
    const {
      full_name: _f,
      intraday_multipliers: _i,
      expiration_date: _e,
      ...required
    } = ES;
    const spec = toSymbolSpec({
      ...required,
      exchange: "NASDAQ",
      ticker: "AAPL",
    });
    expect(spec.fullName).toBe("NASDAQ:AAPL");
    expect(spec.intradayMultipliers).toEqual([]);
    expect(spec).not.toHaveProperty("expiration");
  });

  it("keeps volume precision 0 and an expiration at epoch 0", () => {
    const spec = toSymbolSpec({
      ...ES,
      volume_precision: 0,
      expiration_date: 0,
    });
    expect(spec.volumePrecision).toBe(0);
    expect(spec.expiration).toBe(0);
  });

  it.each([
    [1, 0],
    [100, 2],
    [1000, 3],
    [100000, 5],
  ])("pricescale %d shows %d decimals", (scale, decimals) => {
    expect(precisionOf(scale)).toBe(decimals);
  });
});

describe("toSearchHit", () => {
  it("maps every field", () => {
    expect(
      toSearchHit({
        symbol: "EURUSD",
        full_name: "FX:EURUSD",
        description: "Euro / U.S. Dollar",
        exchange: "FX",
        ticker: "EURUSD",
        type: "forex",
      }),
    ).toStrictEqual({
      symbol: "EURUSD",
      fullName: "FX:EURUSD",
      description: "Euro / U.S. Dollar",
      exchange: "FX",
      ticker: "EURUSD",
      type: "forex",
    });
  });
});
