import type {
  SearchSymbolResult_Api_Backend,
  SymbolInfo_Api_Backend,
} from "../clients/api-types-generated";
import { optional } from "./optional";

export type InstrumentType = SymbolInfo_Api_Backend["type"];

/** What the terminal needs to know about an instrument to show and trade it. */
export interface SymbolSpec {
  readonly symbol: string;
  readonly ticker: string;
  readonly fullName: string;
  readonly description: string;
  readonly type: InstrumentType;
  readonly exchange: string;
  readonly listedExchange: string;
  readonly currency: string;
  readonly session: string;
  readonly timezone: string;
  /** Smallest price step: `minmov / pricescale`. */
  readonly tickSize: number;
  readonly minmov: number;
  readonly pricescale: number;
  /** Decimals a price is shown with. */
  readonly pricePrecision: number;
  readonly volumePrecision: number;
  /** The broker's lot: smallest quantity step and minimum order quantity, in units. */
  readonly lotSize: number;
  /** Money per 1.0 of price per unit of quantity: the futures multiplier, 1 elsewhere. */
  readonly pointValue: number;
  /** Share of notional the broker holds as margin. */
  readonly marginRate: number;
  readonly resolutions: readonly string[];
  readonly intradayMultipliers: readonly string[];
  readonly hasIntraday: boolean;
  readonly hasDaily: boolean;
  readonly hasWeeklyAndMonthly: boolean;
  readonly dataStatus: SymbolInfo_Api_Backend["data_status"];
  /** Futures: last trading day, UTC milliseconds. */
  readonly expiration?: number;
}

/** One symbol search hit. */
export interface SymbolSearchHit {
  readonly symbol: string;
  readonly ticker: string;
  readonly fullName: string;
  readonly description: string;
  readonly exchange: string;
  readonly type: string;
}

/** Decimals of a price on a `pricescale` grid: 100 -> 2, 100000 -> 5, 1 -> 0. */
export function precisionOf(pricescale: number): number {
  return Math.max(0, Math.ceil(Math.log10(pricescale) - 1e-9));
}

export function toSymbolSpec(wire: SymbolInfo_Api_Backend): SymbolSpec {
  return {
    symbol: wire.name,
    ticker: wire.ticker,
    fullName: wire.full_name ?? `${wire.exchange}:${wire.ticker}`,
    description: wire.description,
    type: wire.type,
    exchange: wire.exchange,
    listedExchange: wire.listed_exchange,
    currency: wire.currency_code,
    session: wire.session,
    timezone: wire.timezone,
    tickSize: wire.minmov / wire.pricescale,
    minmov: wire.minmov,
    pricescale: wire.pricescale,
    pricePrecision: precisionOf(wire.pricescale),
    volumePrecision: wire.volume_precision,
    lotSize: wire.lot_size,
    pointValue: wire.point_value,
    marginRate: wire.margin_rate,
    resolutions: [...wire.supported_resolutions],
    intradayMultipliers: [...(wire.intraday_multipliers ?? [])],
    hasIntraday: wire.has_intraday,
    hasDaily: wire.has_daily,
    hasWeeklyAndMonthly: wire.has_weekly_and_monthly,
    dataStatus: wire.data_status,
    // `format` is always "price" in the spec: nothing to carry.
    ...optional(
      "expiration",
      wire.expiration_date === undefined
        ? undefined
        : wire.expiration_date * 1000,
    ),
  };
}

export function toSearchHit(
  wire: SearchSymbolResult_Api_Backend,
): SymbolSearchHit {
  return {
    symbol: wire.symbol,
    ticker: wire.ticker,
    fullName: wire.full_name,
    description: wire.description,
    exchange: wire.exchange,
    type: wire.type,
  };
}

/** TradingView's continuous futures naming: root, position, `!` (`ES1!`, `NQ2!`). */
const CONTINUOUS = /^[A-Z0-9]+[1-9]!$/;

/** True for a continuous futures series, the only symbols that take an adjustment and have rolls. */
export function isContinuous(symbol: string): boolean {
  return CONTINUOUS.test(symbol);
}
