import type { components } from "@tradewire/client";

/** TradingView `LibrarySymbolInfo`, as the spec defines it. */
export type SymbolInfo = components["schemas"]["SymbolInfo"];
export type SymbolType = SymbolInfo["type"];

/** How the simulator makes a market for one instrument. */
export interface SimulationParams {
  /** Starting price of a backfill and the level the log price slowly reverts to. */
  readonly initialPrice: number;
  /** Annualized volatility of log returns over trading time (0.3 = 30 %). */
  readonly annualVolatility: number;
  /** Quoted bid/ask spread, in ticks (one tick = minmov / pricescale). */
  readonly spreadTicks: number;
  /** Mean number of prints per session minute, before the intraday volume profile. */
  readonly tradesPerMinute: number;
  /** Median print size, in base units (shares, currency units, coins, contracts). */
  readonly typicalSize: number;
  /** Smallest size increment; sizes are whole multiples of it. */
  readonly lotSize: number;
  /** Prints at least this large are rounded to multiples of it (stocks: 100-share round lots). */
  readonly roundLot?: number;
  /**
   * Share of the instrument's variance released as a price gap when a session opens after a
   * closure (stocks overnight, futures after the daily halt, FX over the weekend).
   */
  readonly gapShare: number;
  /**
   * Name of the random stream; defaults to the ticker. Futures contracts of one root share it so
   * that the front and next contract move together, apart by their carry.
   */
  readonly stream?: string;
  /** A futures contract's life: it trades until `expiresAt`, and volume migrates at the rolls. */
  readonly life?: ContractLife;
}

/** Expiry of a futures contract and of the one before it (UTC ms). */
export interface ContractLife {
  readonly expiresAt: number;
  readonly previousExpiresAt: number;
}

/**
 * One catalog instrument: the `SymbolInfo` fields that vary per symbol (typed by the spec) plus
 * the simulator's parameters. `symbolInfo()` fills in the rest.
 */
export type CatalogEntry = Readonly<
  Pick<
    SymbolInfo,
    | "ticker"
    | "description"
    | "type"
    | "session"
    | "timezone"
    | "exchange"
    | "minmov"
    | "pricescale"
    | "volume_precision"
    | "currency_code"
    | "expiration_date"
  >
> & {
  readonly sim: SimulationParams;
  /** Futures: the contract multiplier, money per 1.0 of price per contract. Absent: 1. */
  readonly pointValue?: number;
  /** Set on a continuous futures series (`ES1!`): it has no history or feed of its own. */
  readonly continuous?: ContinuousSeriesSpec;
};

/** `ES1!`: root `ES`, rank 1 (the front contract); `ES2!`: rank 2 (the contract after it). */
export interface ContinuousSeriesSpec {
  readonly root: string;
  readonly rank: 1 | 2;
}

/** Size of one price tick. */
export function tickSize(entry: CatalogEntry): number {
  return entry.minmov / entry.pricescale;
}

/** Nearest whole number of ticks of a price. */
export function toTicks(entry: CatalogEntry, price: number): number {
  return Math.round((price * entry.pricescale) / entry.minmov);
}

/**
 * Price of a whole number of ticks. One multiplication and one division by integers gives the
 * double nearest to the decimal price (`18723 * 1 / 100` is exactly the double for 187.23).
 */
export function fromTicks(entry: CatalogEntry, ticks: number): number {
  return (ticks * entry.minmov) / entry.pricescale;
}
