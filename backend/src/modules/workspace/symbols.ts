import type { MarketData } from "../../contracts/market-data";
import { HttpError } from "../../http/error-handlers";

/**
 * The symbol as the datafeed spells it (`NASDAQ:AAPL` is `AAPL`), so one instrument is stored
 * once; 400 UNKNOWN_SYMBOL naming `field` when the datafeed does not list it.
 */
export function listedSymbol(
  market: MarketData,
  symbol: string,
  field: string,
): string {
  const instrument = market.instrument(symbol);
  if (!instrument)
    throw new HttpError(
      400,
      "UNKNOWN_SYMBOL",
      `unknown symbol ${JSON.stringify(symbol)}`,
      field,
    );
  return instrument.ticker;
}

/** Every symbol listed and spelled as the datafeed does, none twice (400 naming the one). */
export function listedSymbols(
  market: MarketData,
  symbols: readonly string[],
  field: string,
): string[] {
  const seen = new Set<string>();
  return symbols.map((symbol, i) => {
    const ticker = listedSymbol(market, symbol, `${field}.${i}`);
    if (seen.has(ticker))
      throw new HttpError(
        400,
        "INVALID_PARAMS",
        `${field}.${i}: ${ticker} is already in the list`,
        `${field}.${i}`,
      );
    seen.add(ticker);
    return ticker;
  });
}
