import type { QuoteData_Api_Backend } from "../clients/api-types-generated";
import type { QuoteData_Ws_Backend } from "../clients/ws-types-generated";
import { optional } from "./optional";

/** One symbol's live quote, named for the trader rather than for TradingView's short keys. */
export interface Quote {
  readonly symbol: string;
  readonly last: number;
  readonly bid: number;
  readonly ask: number;
  readonly spread: number;
  /** Change of `last` against the previous close. */
  readonly change: number;
  readonly changePercent: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly prevClose: number;
  readonly volume: number;
  readonly shortName?: string;
  readonly exchange?: string;
  readonly description?: string;
  readonly originalName?: string;
}

export function toQuote(
  wire: QuoteData_Ws_Backend | QuoteData_Api_Backend,
): Quote {
  const v = wire.v;
  return {
    symbol: wire.n,
    last: v.lp,
    bid: v.bid,
    ask: v.ask,
    spread: v.spread,
    change: v.ch,
    changePercent: v.chp,
    open: v.open_price,
    high: v.high_price,
    low: v.low_price,
    prevClose: v.prev_close_price,
    volume: v.volume,
    ...optional("shortName", v.short_name),
    ...optional("exchange", v.exchange),
    ...optional("description", v.description),
    ...optional("originalName", v.original_name),
  };
}
