import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";
import type { Quote } from "../model/quote";
import { nextTick } from "vue";
import { useMarketStore } from "./market";

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

  it("drops the quote of a symbol that leaves the shown list", async () => {
    const store = useMarketStore();
    store.watchlist = ["AAPL", "SOLUSD"];
    store.applyQuote(quote("SOLUSD", 185));
    store.applyQuote(quote("AAPL", 190));
    store.watchlist = ["AAPL"];
    await nextTick();
    expect(Object.keys(store.quotes)).toEqual(["AAPL"]);
  });

  it("keeps the chart symbol and resolution across a reload", async () => {
    const store = useMarketStore();
    store.selectSymbol("ethusd");
    store.setResolution("1D");
    await Promise.resolve();
    setActivePinia(createPinia());
    const reloaded = useMarketStore();
    expect(reloaded.symbol).toBe("ETHUSD");
    expect(reloaded.resolution).toBe("1D");
  });
});
