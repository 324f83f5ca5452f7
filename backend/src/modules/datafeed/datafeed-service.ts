import type { QuoteData } from "@tradewire/client";
import type { InstrumentRules, MarketData } from "../../contracts/market-data";
import type { MarketFeed } from "./live/market-feed";
import { isTradingMinute } from "./market";
import type { SymbolCatalog } from "./symbol-catalog";

const MINUTE = 60_000;

/** The datafeed's service: market data for other modules, and the live feed's tick for tests. */
export class DatafeedService implements MarketData {
  constructor(
    readonly catalog: SymbolCatalog,
    readonly feed: MarketFeed,
  ) {}

  instrument(symbol: string): InstrumentRules | null {
    const entry = this.catalog.find(symbol);
    return entry
      ? {
          ticker: entry.ticker,
          description: entry.description,
          minmov: entry.minmov,
          pricescale: entry.pricescale,
        }
      : null;
  }

  isTrading(symbol: string, timeMs: number): boolean {
    const entry = this.catalog.find(symbol);
    return (
      entry !== undefined &&
      isTradingMinute(entry, Math.floor(timeMs / MINUTE) * MINUTE)
    );
  }

  async quote(symbol: string): Promise<QuoteData | null> {
    const entry = this.catalog.find(symbol);
    return entry ? this.feed.quoteOf(entry) : null;
  }

  async watch(
    symbol: string,
    listener: (quote: QuoteData) => void,
  ): Promise<() => void> {
    const entry = this.catalog.require(symbol);
    const feed = await this.feed.acquire(entry);
    const onEvent = (): void => listener(feed.quote.quote());
    feed.listeners.add(onEvent);
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      feed.listeners.delete(onEvent);
      this.feed.release(entry.ticker);
    };
  }
}
