import type { QuoteData } from "@tradewire/client";

/** What an instrument's orders must respect. */
export interface InstrumentRules {
  readonly ticker: string;
  readonly description: string;
  readonly type: "stock" | "forex" | "crypto" | "futures" | "index";
  /** Price tick = minmov / pricescale. */
  readonly minmov: number;
  readonly pricescale: number;
  /** Smallest quantity step. */
  readonly lotSize: number;
  /** Currency prices are quoted in. */
  readonly currency: string;
  /** Money per 1.0 of price per unit of quantity (futures multiplier; 1 elsewhere). */
  readonly pointValue: number;
  /** Share of notional held as margin (the datafeed's rate for the asset class). */
  readonly marginRate: number;
  /** Set when the symbol cannot be traded (a continuous futures series): why, and what to trade. */
  readonly notTradable?: string;
}

/**
 * Market data as other modules see it (the broker matches against it). The datafeed module
 * provides it through the app factory; nobody imports the datafeed's internals.
 */
export interface MarketData {
  instrument(symbol: string): InstrumentRules | null;
  /** Whether the symbol trades at `timeMs` (its session is open). */
  isTrading(symbol: string, timeMs: number): boolean;
  /** The trading day (00:00 UTC of its date) `timeMs` belongs to; DAY orders live for one. */
  tradingDay(symbol: string, timeMs: number): number;
  /** The current quote, or null for an unknown symbol. */
  quote(symbol: string): Promise<QuoteData | null>;
  /** The current quote at once, then every change, until the returned function is called; keeps the symbol live. */
  watch(
    symbol: string,
    listener: (quote: QuoteData) => void,
  ): Promise<() => void>;
}
