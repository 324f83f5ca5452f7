import { MINUTE_MS } from "@tradewire/client";
import type { QuoteData } from "@tradewire/client";
import type {
  BarStream,
  BarStreamEvent,
  BarStreams,
} from "../../contracts/bar-streams";
import type { InstrumentRules, MarketData } from "../../contracts/market-data";
import { openBarStream, type BarStreamDeps } from "./live/bar-stream";
import type { ContinuousSeries } from "./continuous/continuous-series";
import type { MarketFeed } from "./live/market-feed";
import {
  isTradingMinute,
  sessionStart,
  tradingDay,
  tradingTerms,
} from "./market";
import type { SymbolCatalog } from "./symbol-catalog";

/** The datafeed's service: market data and bar streams for other modules, the feed's tick for tests. */
export class DatafeedService implements MarketData, BarStreams {
  readonly feed: MarketFeed;

  constructor(
    readonly catalog: SymbolCatalog,
    private readonly series: ContinuousSeries,
    private readonly streams: BarStreamDeps,
  ) {
    this.feed = streams.feed;
  }

  stream(
    symbol: string,
    resolution: string,
    history: number,
    listener: (event: BarStreamEvent) => void,
  ): Promise<BarStream> {
    return openBarStream(this.streams, symbol, resolution, history, listener);
  }

  sessionStart(symbol: string, timeMs: number): number {
    return sessionStart(this.catalog.require(symbol), timeMs);
  }

  instrument(symbol: string): InstrumentRules | null {
    const entry = this.catalog.find(symbol);
    if (!entry) return null;
    return {
      ...(entry.continuous
        ? {
            notTradable: `${entry.ticker} is a continuous series, not a contract: trade the contract it follows, ${this.series.knownContract(entry)}`,
          }
        : {}),
      ticker: entry.ticker,
      description: entry.description,
      type: entry.type,
      minmov: entry.minmov,
      pricescale: entry.pricescale,
      currency: entry.currency_code,
      ...tradingTerms(entry),
    };
  }

  isTrading(symbol: string, timeMs: number): boolean {
    const entry = this.catalog.find(symbol);
    // A contract stops trading at its expiry; a continuous series never trades itself.
    const life = entry?.sim.life;
    return (
      entry !== undefined &&
      !entry.continuous &&
      (life === undefined || timeMs < life.expiresAt) &&
      isTradingMinute(entry, Math.floor(timeMs / MINUTE_MS) * MINUTE_MS)
    );
  }

  tradingDay(symbol: string, timeMs: number): number {
    const entry = this.catalog.require(symbol);
    return tradingDay(entry, timeMs);
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
    // The current quote first, so the watcher never works from an older one.
    onEvent();
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      feed.listeners.delete(onEvent);
      this.feed.release(entry.ticker);
    };
  }
}
