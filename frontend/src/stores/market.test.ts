import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";
import type { Quote } from "../model/quote";
import { DEFAULT_WATCHLIST, useMarketStore } from "./market";

const quote = (symbol: string, last: number): Quote => ({
  symbol,
  last,
  bid: last,
  ask: last,
  spread: 0,
  change: 0,
  changePercent: 0,
  open: last,
  high: last,
  low: last,
  prevClose: last,
  volume: 0,
});

describe("market store", () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it("remembers the direction of the last price move and counts moves for the flash", () => {
    const store = useMarketStore();
    store.applyQuote(quote("AAPL", 100));
    expect(store.quotes.AAPL).toMatchObject({ direction: null, moves: 0 });
    store.applyQuote(quote("AAPL", 101));
    expect(store.quotes.AAPL).toMatchObject({ direction: "up", moves: 1 });
    store.applyQuote(quote("AAPL", 101));
    expect(store.quotes.AAPL).toMatchObject({ direction: "up", moves: 1 });
    store.applyQuote(quote("AAPL", 99.5));
    expect(store.quotes.AAPL).toMatchObject({ direction: "down", moves: 2 });
  });

  it("adds each symbol to the watchlist once and removes it with its quote", () => {
    const store = useMarketStore();
    expect(store.watchlist).toEqual(DEFAULT_WATCHLIST);
    store.addToWatchlist(" solusd ");
    store.addToWatchlist("SOLUSD");
    expect(store.watchlist.filter((s) => s === "SOLUSD")).toHaveLength(1);
    store.applyQuote(quote("SOLUSD", 185));
    store.removeFromWatchlist("SOLUSD");
    expect(store.watchlist).not.toContain("SOLUSD");
    expect(store.quotes.SOLUSD).toBeUndefined();
  });

  it("keeps the chart symbol, resolution and watchlist across a reload", async () => {
    const store = useMarketStore();
    store.selectSymbol("ethusd");
    store.setResolution("1D");
    store.removeFromWatchlist("AAPL");
    await Promise.resolve();
    setActivePinia(createPinia());
    const reloaded = useMarketStore();
    expect(reloaded.symbol).toBe("ETHUSD");
    expect(reloaded.resolution).toBe("1D");
    expect(reloaded.watchlist).not.toContain("AAPL");
  });
});
