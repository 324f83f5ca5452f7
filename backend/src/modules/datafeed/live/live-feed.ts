import type { QuoteData } from "@tradewire/client";
import type { CatalogEntry, MarketBar } from "../market";
import type { FeedListener } from "./symbol-feed";

/**
 * What live consumers (the bars and quotes channels, bar streams, watchers) use of a symbol's
 * feed: a contract's own `SymbolFeed`, or a continuous series following its contract in force.
 */
export interface LiveFeed {
  readonly entry: CatalogEntry;
  readonly listeners: Set<FeedListener>;
  readonly quote: { quote(): QuoteData };
  /** Start of the minute in progress. */
  readonly minuteStart: number;
  /** The part of the current minute printed so far, as a bar; null before its first trade. */
  formingMinute(): MarketBar | null;
}
