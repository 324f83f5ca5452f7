import type { SymbolInfo_Api_Backend } from "../../clients/api-types-generated";

/** What the simulated market needs about an instrument beyond its TradingView symbol info. */
export interface SimulatedInstrument {
  readonly info: SymbolInfo_Api_Backend;
  readonly basePrice: number;
  /** Scales how far the price wanders; roughly an annual volatility. */
  readonly volatility: number;
  readonly spreadTicks: number;
  /** Typical volume of a one-minute bar. */
  readonly minuteVolume: number;
}

export const SIMULATED_RESOLUTIONS = [
  "1",
  "5",
  "15",
  "30",
  "60",
  "240",
  "1D",
  "1W",
];

function instrument(
  ticker: string,
  description: string,
  type: SymbolInfo_Api_Backend["type"],
  exchange: string,
  pricescale: number,
  hours: Pick<SymbolInfo_Api_Backend, "session" | "timezone">,
  terms: Pick<SymbolInfo_Api_Backend, "lot_size" | "margin_rate">,
  sim: Omit<SimulatedInstrument, "info">,
): SimulatedInstrument {
  return {
    ...sim,
    info: {
      name: ticker,
      ticker,
      full_name: `${exchange}:${ticker}`,
      description,
      type,
      // The real catalog's sessions: bars align to their opens as the server's do.
      ...hours,
      exchange,
      listed_exchange: exchange,
      format: "price",
      minmov: 1,
      pricescale,
      has_intraday: true,
      has_daily: true,
      has_weekly_and_monthly: true,
      supported_resolutions: [...SIMULATED_RESOLUTIONS],
      intraday_multipliers: ["1"],
      // Sizes are whole lots: as many decimals as the lot has (0.0001 BTC -> 4, 0.01 SOL -> 2).
      volume_precision: Math.max(0, -Math.floor(Math.log10(terms.lot_size))),
      data_status: "streaming",
      currency_code: type === "forex" ? ticker.slice(3) : "USD",
      ...terms,
      // No futures are simulated: every instrument is worth its price per unit.
      point_value: 1,
    },
  };
}

const STOCK_HOURS = {
  session: "0930-1600:23456",
  timezone: "America/New_York",
};
/** 17:00 to 17:00 New York, Sunday evening to Friday: the evening belongs to the next date. */
const FX_HOURS = { session: "1700-1700:23456", timezone: "America/New_York" };
const CRYPTO_HOURS = { session: "24x7", timezone: "Etc/UTC" };

/**
 * The real catalog's trading terms (the broker's lots and margin rates by asset class): the
 * simulated broker refuses what the real one refuses, and the ticket margins alike.
 */
const STOCK_TERMS = { lot_size: 1, margin_rate: 0.5 };
const FX_TERMS = { lot_size: 1000, margin_rate: 1 / 30 };
const CRYPTO_MARGIN_RATE = 0.5;

const stock = (t: string, d: string, price: number, vol: number) =>
  instrument(t, d, "stock", "NASDAQ", 100, STOCK_HOURS, STOCK_TERMS, {
    basePrice: price,
    volatility: vol,
    spreadTicks: 1,
    minuteVolume: 12_000,
  });
const fx = (t: string, d: string, price: number, scale: number) =>
  instrument(t, d, "forex", "FX", scale, FX_HOURS, FX_TERMS, {
    basePrice: price,
    volatility: 0.08,
    spreadTicks: 6,
    minuteVolume: 3_000_000,
  });
const coin = (t: string, d: string, price: number, vol: number, lot: number) =>
  instrument(
    t,
    d,
    "crypto",
    "CRYPTO",
    100,
    CRYPTO_HOURS,
    { lot_size: lot, margin_rate: CRYPTO_MARGIN_RATE },
    {
      basePrice: price,
      volatility: vol,
      spreadTicks: 10,
      minuteVolume: 40,
    },
  );

/** The instruments the simulated datafeed lists; tickers match the real catalog's. */
export const SIMULATED_CATALOG: readonly SimulatedInstrument[] = [
  stock("AAPL", "Apple Inc.", 232, 0.27),
  stock("MSFT", "Microsoft Corporation", 468, 0.25),
  stock("NVDA", "NVIDIA Corporation", 182, 0.45),
  stock("AMZN", "Amazon.com, Inc.", 221, 0.32),
  stock("TSLA", "Tesla, Inc.", 347, 0.45),
  stock("GOOGL", "Alphabet Inc. Class A", 246, 0.3),
  stock("META", "Meta Platforms, Inc.", 712, 0.35),
  fx("EURUSD", "Euro / U.S. Dollar", 1.165, 100000),
  fx("GBPUSD", "British Pound / U.S. Dollar", 1.338, 100000),
  fx("USDJPY", "U.S. Dollar / Japanese Yen", 147.5, 1000),
  coin("BTCUSD", "Bitcoin / U.S. Dollar", 96_000, 0.55, 0.0001),
  coin("ETHUSD", "Ethereum / U.S. Dollar", 3_450, 0.7, 0.0001),
  coin("SOLUSD", "Solana / U.S. Dollar", 185, 0.8, 0.01),
];

export function findInstrument(
  catalog: readonly SimulatedInstrument[],
  symbol: string,
): SimulatedInstrument | undefined {
  const ticker = symbol.includes(":")
    ? symbol.slice(symbol.indexOf(":") + 1)
    : symbol;
  return catalog.find((i) => i.info.ticker === ticker.trim().toUpperCase());
}
