import type { components } from "@tradewire/client";
import { continuousListings } from "./continuous-symbols";
import { futuresListings } from "./futures";
import type { CatalogEntry, SymbolInfo } from "./instrument";
import { CRYPTO, FOREX, STOCKS } from "./listings";
import { tradingTerms } from "./trading-terms";

export type SearchSymbolResult = components["schemas"]["SearchSymbolResult"];

/**
 * The periods the chart's picker lists. Any other period the Resolution pattern allows is served
 * too; the Charting Library builds them itself from `intraday_multipliers` and `daily_multipliers`.
 */
export const SUPPORTED_RESOLUTIONS: readonly string[] = [
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
];

export const DEFAULT_SEARCH_LIMIT = 30;

/**
 * Every instrument listed at `referenceMs`: stocks, FX and crypto always; the quarterly contracts
 * of each futures root listed at some moment since `sinceMs` (the history's start: a contract
 * that expired inside the history is kept for it), and the continuous series built from them.
 */
export function buildCatalog(
  referenceMs: number,
  sinceMs = referenceMs,
): readonly CatalogEntry[] {
  const futures = futuresListings(referenceMs, sinceMs);
  return [
    ...STOCKS,
    ...FOREX,
    ...CRYPTO,
    ...futures,
    ...continuousListings(futures),
  ];
}

/** TradingView `LibrarySymbolInfo` of an entry. */
export function symbolInfo(entry: CatalogEntry): SymbolInfo {
  const terms = tradingTerms(entry);
  const info: SymbolInfo = {
    name: entry.ticker,
    ticker: entry.ticker,
    full_name: `${entry.exchange}:${entry.ticker}`,
    description: entry.description,
    type: entry.type,
    session: entry.session,
    timezone: entry.timezone,
    exchange: entry.exchange,
    listed_exchange: entry.exchange,
    format: "price",
    minmov: entry.minmov,
    pricescale: entry.pricescale,
    has_intraday: true,
    has_daily: true,
    has_weekly_and_monthly: true,
    supported_resolutions: [...SUPPORTED_RESOLUTIONS],
    // Every intraday period is built from 1-minute bars, every daily one from 1D (TradingView
    // builds 45 or 2D itself from these, with the same session alignment as /bars).
    intraday_multipliers: ["1"],
    daily_multipliers: ["1"],
    volume_precision: entry.volume_precision,
    data_status: "streaming",
    currency_code: entry.currency_code,
    lot_size: terms.lotSize,
    point_value: terms.pointValue,
    margin_rate: terms.marginRate,
  };
  if (entry.expiration_date !== undefined) {
    info.expiration_date = entry.expiration_date;
  }
  return info;
}

/** UDF `/search` row of an entry. */
export function searchResult(entry: CatalogEntry): SearchSymbolResult {
  return {
    symbol: entry.ticker,
    full_name: `${entry.exchange}:${entry.ticker}`,
    description: entry.description,
    exchange: entry.exchange,
    ticker: entry.ticker,
    type: entry.type,
  };
}

/** Splits `NASDAQ:AAPL` into exchange and ticker; a bare ticker has no exchange. */
function splitSymbol(symbol: string): { exchange?: string; ticker: string } {
  const colon = symbol.indexOf(":");
  if (colon < 0) return { ticker: symbol.trim().toUpperCase() };
  return {
    exchange: symbol.slice(0, colon).trim().toUpperCase(),
    ticker: symbol
      .slice(colon + 1)
      .trim()
      .toUpperCase(),
  };
}

/** The entry for `AAPL`, `aapl` or `NASDAQ:AAPL` (the chart resolves either form). */
export function findSymbol(
  catalog: readonly CatalogEntry[],
  symbol: string,
): CatalogEntry | undefined {
  const { exchange, ticker } = splitSymbol(symbol);
  return catalog.find(
    (entry) =>
      entry.ticker === ticker &&
      (exchange === undefined || entry.exchange === exchange),
  );
}

/**
 * Case-insensitive search on ticker and description: exact ticker first, then ticker prefixes,
 * tickers containing the query, and description matches; catalog order within each group. An
 * empty `type` or `exchange` (what the chart sends for "all") does not filter.
 */
export function searchSymbols(
  catalog: readonly CatalogEntry[],
  query: string,
  type?: string,
  exchange?: string,
  limit = DEFAULT_SEARCH_LIMIT,
): CatalogEntry[] {
  const parts = splitSymbol(query);
  const wantedExchange = (parts.exchange ?? exchange ?? "").toUpperCase();
  const wantedType = (type ?? "").toLowerCase();
  const needle = parts.ticker;
  const ranked: { entry: CatalogEntry; rank: number; order: number }[] = [];
  catalog.forEach((entry, order) => {
    if (wantedType !== "" && entry.type !== wantedType) return;
    if (wantedExchange !== "" && entry.exchange !== wantedExchange) return;
    const rank = matchRank(entry, needle);
    if (rank >= 0) ranked.push({ entry, rank, order });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return ranked.slice(0, Math.max(0, limit)).map(({ entry }) => entry);
}

/** Lower is better; -1 is no match. */
function matchRank(entry: CatalogEntry, needle: string): number {
  if (needle === "" || entry.ticker === needle) return 0;
  if (entry.ticker.startsWith(needle)) return 1;
  if (entry.ticker.includes(needle)) return 2;
  if (entry.description.toUpperCase().includes(needle)) return 3;
  return -1;
}
