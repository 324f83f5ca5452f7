import { DAY_MS } from "@tradewire/client";
import type { QuoteData } from "@tradewire/client";
import type {
  InstrumentRules,
  MarketData,
} from "../../src/contracts/market-data";

/** Instruments as the catalog lists them, with the spread (in ticks) the simulator quotes. */
export const CONTROLLED_INSTRUMENTS: readonly (InstrumentRules & {
  readonly spreadTicks: number;
  readonly initialPrice: number;
})[] = [
  {
    ticker: "BTCUSD",
    description: "Bitcoin / U.S. Dollar",
    type: "crypto",
    minmov: 1,
    pricescale: 100,
    lotSize: 0.0001,
    currency: "USD",
    pointValue: 1,
    marginRate: 0.5,
    spreadTicks: 100,
    initialPrice: 96_000,
  },
  {
    ticker: "SOLUSD",
    description: "Solana / U.S. Dollar",
    type: "crypto",
    minmov: 1,
    pricescale: 100,
    lotSize: 0.01,
    currency: "USD",
    pointValue: 1,
    marginRate: 0.5,
    spreadTicks: 2,
    initialPrice: 185,
  },
  {
    ticker: "AAPL",
    description: "Apple Inc.",
    type: "stock",
    minmov: 1,
    pricescale: 100,
    lotSize: 1,
    currency: "USD",
    pointValue: 1,
    marginRate: 0.5,
    spreadTicks: 1,
    initialPrice: 232,
  },
  {
    ticker: "USDJPY",
    description: "U.S. Dollar / Japanese Yen",
    type: "forex",
    minmov: 1,
    pricescale: 1000,
    lotSize: 1000,
    currency: "JPY",
    pointValue: 1,
    marginRate: 1 / 30,
    spreadTicks: 8,
    initialPrice: 147.5,
  },
  {
    ticker: "ESZ6",
    description: "E-mini S&P 500 (December 2026)",
    type: "futures",
    minmov: 25,
    pricescale: 100,
    lotSize: 1,
    currency: "USD",
    pointValue: 50,
    marginRate: 0.05,
    spreadTicks: 1,
    initialPrice: 6_000,
  },
];

/**
 * A market whose prices the test sets: the real instruments' rules, always open, and a quote per
 * symbol that changes only when `set` is called. Watchers hear the change synchronously, as they
 * do from the live feed's tick.
 */
export class ControlledMarket implements MarketData {
  private readonly quotes = new Map<string, QuoteData>();
  private readonly listeners = new Map<string, Set<(q: QuoteData) => void>>();
  open = true;

  constructor() {
    for (const i of CONTROLLED_INSTRUMENTS) this.set(i.ticker, i.initialPrice);
  }

  instrument(symbol: string): InstrumentRules | null {
    const found = CONTROLLED_INSTRUMENTS.find((i) => i.ticker === symbol);
    if (!found) return null;
    const { spreadTicks: _spread, initialPrice: _initial, ...rules } = found;
    return rules;
  }

  isTrading(): boolean {
    return this.open;
  }

  tradingDay(_symbol: string, timeMs: number): number {
    return Math.floor(timeMs / DAY_MS) * DAY_MS;
  }

  quote(symbol: string): Promise<QuoteData | null> {
    return Promise.resolve(this.quotes.get(symbol) ?? null);
  }

  watch(
    symbol: string,
    listener: (quote: QuoteData) => void,
  ): Promise<() => void> {
    let set = this.listeners.get(symbol);
    if (!set) this.listeners.set(symbol, (set = new Set()));
    set.add(listener);
    const current = this.quotes.get(symbol);
    if (current) listener(current);
    return Promise.resolve(() => set.delete(listener));
  }

  /** Trade `symbol` at `last` (snapped to its tick): bid and ask a fixed spread around it. */
  set(symbol: string, last: number): QuoteData {
    const rules = CONTROLLED_INSTRUMENTS.find((i) => i.ticker === symbol);
    if (!rules) throw new Error(`no instrument ${symbol}`);
    const tick = rules.minmov / rules.pricescale;
    const ticks = Math.max(rules.spreadTicks + 1, Math.round(last / tick));
    let digits = 0;
    while (
      Math.abs(Math.round(tick * 10 ** digits) - tick * 10 ** digits) > 1e-9
    )
      digits += 1;
    const price = (t: number) => Number((t * tick).toFixed(digits));
    const bidTicks = ticks - Math.floor(rules.spreadTicks / 2);
    const quote: QuoteData = {
      s: "ok",
      n: symbol,
      v: {
        lp: price(ticks),
        bid: price(bidTicks),
        ask: price(bidTicks + rules.spreadTicks),
        spread: price(rules.spreadTicks),
        ch: 0,
        chp: 0,
        open_price: price(ticks),
        high_price: price(ticks),
        low_price: price(ticks),
        prev_close_price: price(ticks),
        volume: 0,
      },
    };
    this.quotes.set(symbol, quote);
    for (const listener of this.listeners.get(symbol) ?? []) listener(quote);
    return quote;
  }

  last(symbol: string): number {
    const quote = this.quotes.get(symbol);
    if (!quote) throw new Error(`no quote for ${symbol}`);
    return quote.v.lp;
  }

  current(symbol: string): QuoteData {
    const quote = this.quotes.get(symbol);
    if (!quote) throw new Error(`no quote for ${symbol}`);
    return quote;
  }
}
