import type { QuoteData } from "@tradewire/client";

/** What an instrument's orders must respect. */
export interface InstrumentRules {
  readonly ticker: string;
  readonly description: string;
  /** Price tick = minmov / pricescale. */
  readonly minmov: number;
  readonly pricescale: number;
}

/**
 * Market data as other modules see it (the broker matches against it). The datafeed module
 * provides it through the app factory; nobody imports the datafeed's internals.
 */
export interface MarketData {
  instrument(symbol: string): InstrumentRules | null;
  /** Whether the symbol trades at `timeMs` (its session is open). */
  isTrading(symbol: string, timeMs: number): boolean;
  /** The current quote, or null for an unknown symbol. */
  quote(symbol: string): Promise<QuoteData | null>;
  /** Every quote change of `symbol` until the returned function is called; keeps the symbol live. */
  watch(
    symbol: string,
    listener: (quote: QuoteData) => void,
  ): Promise<() => void>;
}
