import { roundQty } from "./money";

export interface PositionState {
  /** Signed: positive long, negative short. */
  readonly netQty: number;
  readonly avgPrice: number;
  /** Realized P&L of this symbol, account currency. */
  readonly realizedPl: number;
}

export const FLAT: PositionState = { netQty: 0, avgPrice: 0, realizedPl: 0 };

export interface FillOutcome {
  readonly position: PositionState;
  /** Realized by this fill, in quote currency x point value (before conversion). */
  readonly realizedQuote: number;
}

/**
 * Net a fill into a position: adding keeps a volume-weighted average price; reducing realizes
 * (fill - average) on the reduced quantity and keeps the average; crossing through zero closes
 * the old side and opens the rest at the fill price.
 */
export function applyFill(
  position: PositionState,
  side: 1 | -1,
  qty: number,
  price: number,
  pointValue: number,
): FillOutcome {
  const signed = side * qty;
  const net = position.netQty;
  if (net === 0 || Math.sign(net) === side) {
    const total = roundQty(net + signed);
    const avgPrice =
      (Math.abs(net) * position.avgPrice + qty * price) / Math.abs(total);
    return {
      position: { ...position, netQty: total, avgPrice },
      realizedQuote: 0,
    };
  }
  const closing = Math.min(qty, Math.abs(net));
  const realizedQuote =
    (price - position.avgPrice) * closing * Math.sign(net) * pointValue;
  const remaining = roundQty(net + signed);
  if (remaining === 0)
    return { position: { ...position, netQty: 0, avgPrice: 0 }, realizedQuote };
  if (Math.sign(remaining) === Math.sign(net))
    return { position: { ...position, netQty: remaining }, realizedQuote };
  return {
    position: { ...position, netQty: remaining, avgPrice: price },
    realizedQuote,
  };
}

/** Unrealized P&L in quote currency x point value, marked at `mark`. */
export function unrealizedQuote(
  position: PositionState,
  mark: number,
  pointValue: number,
): number {
  return (mark - position.avgPrice) * position.netQty * pointValue;
}
