import type { CatalogEntry, SymbolType } from "./instrument";

/** Share of a position's notional the broker holds as margin, by asset class. */
export const MARGIN_RATES: Readonly<Record<SymbolType, number>> = {
  stock: 0.5,
  crypto: 0.5,
  futures: 0.05,
  index: 0.05,
  forex: 1 / 30,
};

/**
 * What an order of the instrument must respect and what it costs: the one source both the
 * published `SymbolInfo` and the broker read, so the terminal sizes and margins as the broker does.
 */
export interface TradingTerms {
  /** Smallest quantity step and minimum order quantity, in units. */
  readonly lotSize: number;
  /** Money per 1.0 of price per unit of quantity: the futures multiplier, 1 elsewhere. */
  readonly pointValue: number;
  /** Share of notional held as margin. */
  readonly marginRate: number;
}

export function tradingTerms(entry: CatalogEntry): TradingTerms {
  return {
    lotSize: entry.sim.lotSize,
    pointValue: entry.pointValue ?? 1,
    marginRate: MARGIN_RATES[entry.type],
  };
}
