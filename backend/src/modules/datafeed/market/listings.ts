import type { CatalogEntry, SimulationParams } from "./instrument";

/**
 * The fixed part of the catalog: US stocks, FX majors and crypto. Futures depend on the date and
 * live in `futures.ts`. Prices are late-2026 levels; volatilities are typical realized levels for
 * each asset class.
 *
 * Trades are simulated prints: a few dozen a minute rather than the thousands of a real tape (the
 * backfill must stay fast), each of a believable size.
 */

/** US regular trading hours, Monday to Friday. */
export const US_EQUITY_SESSION = "0930-1600:23456";
/**
 * FX trades Sunday 17:00 to Friday 17:00 New York time. TradingView reads an overnight session
 * as starting the previous day, so "1700-1700:23456" is exactly that: Monday's session starts
 * Sunday 17:00, and each day rolls at 17:00 New York, as FX trade dates do.
 */
export const FX_SESSION = "1700-1700:23456";
export const CRYPTO_SESSION = "24x7";

type Overrides = Partial<SimulationParams>;

function stock(
  ticker: string,
  description: string,
  exchange: "NASDAQ" | "NYSE",
  initialPrice: number,
  annualVolatility: number,
  overrides: Overrides = {},
): CatalogEntry {
  return {
    ticker,
    description,
    type: "stock",
    session: US_EQUITY_SESSION,
    timezone: "America/New_York",
    exchange,
    minmov: 1,
    pricescale: 100,
    volume_precision: 0,
    currency_code: "USD",
    sim: {
      initialPrice,
      annualVolatility,
      spreadTicks: 1,
      tradesPerMinute: 40,
      typicalSize: 300,
      lotSize: 1,
      roundLot: 100,
      gapShare: 0.2,
      ...overrides,
    },
  };
}

function forex(
  ticker: string,
  description: string,
  initialPrice: number,
  annualVolatility: number,
  spreadTicks: number,
): CatalogEntry {
  const jpy = ticker.endsWith("JPY");
  return {
    ticker,
    description,
    type: "forex",
    session: FX_SESSION,
    timezone: "America/New_York",
    exchange: "FX",
    minmov: 1,
    // Fifth decimal (a tenth of a pip); third for yen pairs, whose pip is 0.01.
    pricescale: jpy ? 1000 : 100000,
    volume_precision: 0,
    currency_code: ticker.slice(3),
    sim: {
      initialPrice,
      annualVolatility,
      spreadTicks,
      tradesPerMinute: 30,
      typicalSize: 400_000,
      lotSize: 1000,
      roundLot: 100_000,
      // Only the weekend closes FX: a small gap once a week.
      gapShare: 0.02,
    },
  };
}

function crypto(
  ticker: string,
  description: string,
  initialPrice: number,
  annualVolatility: number,
  sim: Pick<
    SimulationParams,
    "spreadTicks" | "typicalSize" | "lotSize" | "tradesPerMinute"
  >,
  volumePrecision: number,
): CatalogEntry {
  return {
    ticker,
    description,
    type: "crypto",
    session: CRYPTO_SESSION,
    timezone: "Etc/UTC",
    exchange: "CRYPTO",
    minmov: 1,
    pricescale: 100,
    volume_precision: volumePrecision,
    currency_code: "USD",
    sim: { initialPrice, annualVolatility, gapShare: 0, ...sim },
  };
}

export const STOCKS: readonly CatalogEntry[] = [
  stock("AAPL", "Apple Inc.", "NASDAQ", 232, 0.27, { tradesPerMinute: 60 }),
  stock("MSFT", "Microsoft Corporation", "NASDAQ", 468, 0.25),
  stock("NVDA", "NVIDIA Corporation", "NASDAQ", 182, 0.45, {
    tradesPerMinute: 70,
    typicalSize: 400,
  }),
  stock("AMZN", "Amazon.com, Inc.", "NASDAQ", 221, 0.32),
  stock("TSLA", "Tesla, Inc.", "NASDAQ", 347, 0.45, {
    tradesPerMinute: 60,
    spreadTicks: 2,
  }),
  stock("GOOGL", "Alphabet Inc. Class A", "NASDAQ", 246, 0.3),
  stock("META", "Meta Platforms, Inc.", "NASDAQ", 712, 0.35, {
    typicalSize: 150,
    spreadTicks: 2,
  }),
  stock("NFLX", "Netflix, Inc.", "NASDAQ", 112, 0.38, { tradesPerMinute: 30 }),
  stock("JPM", "JPMorgan Chase & Co.", "NYSE", 296, 0.25, {
    tradesPerMinute: 30,
  }),
  stock("XOM", "Exxon Mobil Corporation", "NYSE", 114, 0.26, {
    tradesPerMinute: 30,
    typicalSize: 400,
  }),
];

export const FOREX: readonly CatalogEntry[] = [
  forex("EURUSD", "Euro / U.S. Dollar", 1.165, 0.07, 5),
  forex("GBPUSD", "British Pound / U.S. Dollar", 1.338, 0.08, 8),
  forex("USDJPY", "U.S. Dollar / Japanese Yen", 147.5, 0.1, 8),
  forex("AUDUSD", "Australian Dollar / U.S. Dollar", 0.655, 0.09, 7),
  forex("USDCHF", "U.S. Dollar / Swiss Franc", 0.803, 0.08, 9),
  forex("USDCAD", "U.S. Dollar / Canadian Dollar", 1.382, 0.06, 9),
];

export const CRYPTO: readonly CatalogEntry[] = [
  crypto(
    "BTCUSD",
    "Bitcoin / U.S. Dollar",
    96_000,
    0.55,
    {
      spreadTicks: 100,
      typicalSize: 0.05,
      lotSize: 0.0001,
      tradesPerMinute: 45,
    },
    4,
  ),
  crypto(
    "ETHUSD",
    "Ethereum / U.S. Dollar",
    3_450,
    0.7,
    { spreadTicks: 10, typicalSize: 0.8, lotSize: 0.0001, tradesPerMinute: 35 },
    4,
  ),
  crypto(
    "SOLUSD",
    "Solana / U.S. Dollar",
    185,
    0.8,
    { spreadTicks: 2, typicalSize: 12, lotSize: 0.01, tradesPerMinute: 25 },
    2,
  ),
];
