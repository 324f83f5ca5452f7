import type { ChannelParams } from "@tradewire/client";
import type { ChannelClient } from "../../transport/ws/channel";
import type { Quote } from "../../model/quote";
import { findInstrument, SIMULATED_CATALOG } from "../market/catalog";
import { Ticker, type SimulationClock } from "../clock";
import type { PriceSource } from "./priceSource";

/**
 * Prices from the real quotes channel, for a simulated broker beside a real datafeed: fills
 * then match the chart. Tick sizes come from the simulated catalog, which lists the same tickers.
 */
export class LivePriceSource implements PriceSource {
  private readonly last = new Map<string, number>();
  private readonly watched = new Set<string>();
  private readonly ticker: Ticker;

  constructor(
    private readonly quotes: ChannelClient<ChannelParams<"quotes">, Quote>,
    clock: SimulationClock,
  ) {
    this.ticker = new Ticker(clock, 500);
  }

  price(symbol: string): number | undefined {
    return this.last.get(symbol);
  }

  tickSize(symbol: string): number | undefined {
    const found = findInstrument(SIMULATED_CATALOG, symbol);
    return found ? found.info.minmov / found.info.pricescale : undefined;
  }

  lotSize(symbol: string): number | undefined {
    return findInstrument(SIMULATED_CATALOG, symbol)?.info.lot_size;
  }

  onTick(listener: () => void): () => void {
    return this.ticker.add(listener);
  }

  watch(symbol: string): void {
    if (this.watched.has(symbol)) return;
    this.watched.add(symbol);
    void this.quotes.subscribe(
      `simulated-broker:${symbol}`,
      { symbols: [symbol] },
      (q) => this.last.set(q.symbol, q.last),
    );
  }
}
