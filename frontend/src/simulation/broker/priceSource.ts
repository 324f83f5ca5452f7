/** Where the simulated broker reads prices: the simulated market, or live quotes. */
export interface PriceSource {
  /** The last price of `symbol`, or undefined while none is known. */
  price(symbol: string): number | undefined;
  /** The symbol's tick size, or undefined for a symbol the source does not know. */
  tickSize(symbol: string): number | undefined;
  /** The symbol's lot (smallest quantity step and minimum), or undefined for an unknown symbol. */
  lotSize(symbol: string): number | undefined;
  /** Runs `listener` whenever prices may have moved; returns the function that stops it. */
  onTick(listener: () => void): () => void;
  /** Keeps `symbol`'s price current from now on. */
  watch(symbol: string): void;
}
