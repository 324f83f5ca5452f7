import { defineStore } from "pinia";
import { ref, watch } from "vue";
import type { Adjustment } from "../model/historyJob";
import type { Quote } from "../model/quote";
import type { SymbolSpec } from "../model/symbol";
import { loadJson, saveJson } from "./persist";

export const ADJUSTMENTS: readonly Adjustment[] = [
  "none",
  "difference",
  "ratio",
];

/** The resolutions the chart offers, in TradingView spelling. */
export const RESOLUTIONS = [
  "1",
  "5",
  "15",
  "60",
  "240",
  "1D",
  "1W",
  "1M",
] as const;
/** Crypto trades around the clock, so the first chart a new user sees is always moving. */
export const DEFAULT_SYMBOL = "BTCUSD";
/** The list a new user starts with (the simulation's `Main`; the server seeds its own). */
export const DEFAULT_WATCHLIST = [
  "AAPL",
  "MSFT",
  "NVDA",
  "TSLA",
  "EURUSD",
  "USDJPY",
  "BTCUSD",
  "ETHUSD",
];

/** The quotes channel takes 1 to 50 symbols per subscription. */
export const MAX_QUOTE_SYMBOLS = 50;

export type TickDirection = "up" | "down" | null;

/** A quote with the direction of its last price move, for the watchlist's flash. */
export interface QuoteRow {
  readonly quote: Quote;
  readonly direction: TickDirection;
  /** Counts price moves, so the view can restart its flash on each one. */
  readonly moves: number;
}

/** The chart's symbol and resolution, the shown watchlist's symbols and live quotes, resolved symbols. */
export const useMarketStore = defineStore("market", () => {
  const symbol = ref(loadJson<string>("symbol") ?? DEFAULT_SYMBOL);
  const resolution = ref(loadJson<string>("resolution") ?? "5");
  /** The chart's back-adjustment, applied while its symbol is a continuous future. */
  const adjustment = ref<Adjustment>(
    ADJUSTMENTS.find((a) => a === loadJson<string>("adjustment")) ?? "none",
  );
  /** The symbols of the watchlist shown (the watchlists store keeps the lists, on the server). */
  const watchlist = ref<string[]>([]);
  const quotes = ref<Record<string, QuoteRow>>({});
  const specs = ref<Record<string, SymbolSpec>>({});
  /** Why the watchlist's quotes were refused; cleared when the list changes. */
  const quotesError = ref("");

  watch(symbol, (value) => saveJson("symbol", value));
  watch(resolution, (value) => saveJson("resolution", value));
  watch(adjustment, (value) => saveJson("adjustment", value));
  watch(
    watchlist,
    (list) => {
      quotesError.value = "";
      // A symbol that left the list must not flash an old quote when it comes back.
      for (const name of Object.keys(quotes.value))
        if (!list.includes(name)) delete quotes.value[name];
    },
    { deep: true },
  );

  function applyQuote(quote: Quote): void {
    const previous = quotes.value[quote.symbol];
    if (!previous) {
      quotes.value[quote.symbol] = { quote, direction: null, moves: 0 };
      return;
    }
    const moved = quote.last !== previous.quote.last;
    quotes.value[quote.symbol] = {
      quote,
      direction: moved
        ? quote.last > previous.quote.last
          ? "up"
          : "down"
        : previous.direction,
      moves: moved ? previous.moves + 1 : previous.moves,
    };
  }

  function quotesFailed(message: string): void {
    quotesError.value = message;
  }

  function selectSymbol(next: string): void {
    symbol.value = next.trim().toUpperCase();
  }

  function setResolution(next: string): void {
    resolution.value = next;
  }

  function setSpec(spec: SymbolSpec): void {
    specs.value[spec.ticker] = spec;
  }

  /** Decimals to show a symbol's prices with; 2 until the symbol is resolved. */
  function precisionOf(ticker: string): number {
    return specs.value[ticker]?.pricePrecision ?? 2;
  }

  return {
    symbol,
    resolution,
    adjustment,
    watchlist,
    quotes,
    specs,
    quotesError,
    precisionOf,
    applyQuote,
    quotesFailed,
    selectSymbol,
    setResolution,
    setSpec,
  };
});
