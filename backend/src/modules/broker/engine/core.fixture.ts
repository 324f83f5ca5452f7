import { DAY_MS, type QuoteData } from "@tradewire/client";
import type { MarketData } from "../../../contracts/market-data";
import { BrokerRejection } from "../domain/rejection";
import { lookup } from "../fixtures";
import type { BookChange } from "../store/broker-store";
import type { AccountBook } from "./account-book";
import type { EngineCore } from "./core";

/**
 * An engine core for the order-flow unit tests: fixed quotes, a market open unless told
 * otherwise, a manual clock, and a commit that applies the change to the book and records it.
 */
export function fakeCore(
  quotes: readonly QuoteData[],
  { trading = true, now = 1_700_000_000_000 } = {},
): EngineCore & { commits: BookChange[] } {
  const bySymbol = new Map(quotes.map((q) => [q.n, q]));
  const market: MarketData = {
    instrument: lookup,
    isTrading: () => trading,
    tradingDay: (_s, t) => t - (t % DAY_MS),
    quote: (s) => Promise.resolve(bySymbol.get(s) ?? null),
    watch: () => Promise.resolve(() => undefined),
  };
  const commits: BookChange[] = [];
  return {
    market,
    clock: { now: () => now },
    limits: { maxOrderQty: 1_000_000, priceBand: 10 },
    lookup,
    commits,
    commit(book: AccountBook, change: BookChange) {
      commits.push(change);
      book.apply(change);
      return Promise.resolve();
    },
    quote(book: AccountBook, symbol: string) {
      const q = bySymbol.get(symbol);
      if (!q)
        return Promise.reject(
          new BrokerRejection(
            "UNKNOWN_SYMBOL",
            `no quote for ${symbol}`,
            "symbol",
          ),
        );
      book.marks.set(symbol, q);
      return Promise.resolve(q);
    },
  };
}
