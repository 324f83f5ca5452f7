import { Side } from "@tradewire/client";
import type { Position } from "./position";

/** What an order on the other side of the open position does to it. */
export type ClosingEffect = "closes" | "reduces" | "reverses";

export interface ClosingIntent {
  readonly effect: ClosingEffect;
  /** The position it works against (same symbol, opposite side). */
  readonly position: Position;
  /** How much of the position it takes off: the order's quantity, at most the position's. */
  readonly closedQty: number;
  /** What is left after it: of the position (reduces), of the new opposite one (reverses), else 0. */
  readonly remainder: number;
}

/** The part of an order the rule looks at: the ticket's, or a working order's still to fill. */
export interface OrderSideQty {
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
}

/**
 * Whether an order closes (part of) the open position: the same symbol on the opposite side.
 * Null when it opens or adds. Quantities are compared on a fixed grid so 0.1 + 0.2 lots
 * reading as 0.30000000000000004 does not turn a close into a reversal.
 */
export function closingIntent(
  order: OrderSideQty,
  position: Position | undefined,
): ClosingIntent | null {
  if (
    !position ||
    position.qty <= 0 ||
    order.qty <= 0 ||
    position.symbol !== order.symbol ||
    position.side === order.side
  )
    return null;
  const diff = round(order.qty - position.qty);
  if (diff === 0)
    return {
      effect: "closes",
      position,
      closedQty: position.qty,
      remainder: 0,
    };
  if (diff < 0)
    return {
      effect: "reduces",
      position,
      closedQty: order.qty,
      remainder: -diff,
    };
  return {
    effect: "reverses",
    position,
    closedQty: position.qty,
    remainder: diff,
  };
}

const round = (n: number) => Math.round(n * 1e8) / 1e8;

/**
 * One line for a confirmation: `Closes 0.25 of your long 0.25 BTCUSD`,
 * `Reduces your long 0.25 BTCUSD by 0.1 to 0.15`, `Reverses your long 0.25 BTCUSD to a short 0.15`.
 */
export function closingText(
  intent: ClosingIntent,
  qty: (value: number) => string,
): string {
  const { position } = intent;
  const yours = `your ${position.side === Side.Buy ? "long" : "short"} ${qty(position.qty)} ${position.symbol}`;
  switch (intent.effect) {
    case "closes":
      return `Closes ${qty(intent.closedQty)} of ${yours}`;
    case "reduces":
      return `Reduces ${yours} by ${qty(intent.closedQty)} to ${qty(intent.remainder)}`;
    default:
      return `Reverses ${yours} to a ${position.side === Side.Buy ? "short" : "long"} ${qty(intent.remainder)}`;
  }
}
