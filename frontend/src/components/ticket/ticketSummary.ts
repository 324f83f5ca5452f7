import { OrderType, Side } from "@tradewire/client";
import type { Quote } from "../../model/quote";
import type { SymbolSpec } from "../../model/symbol";
import { parseNumber, type TicketDraft } from "./ticketForm";

/** A positive number typed in a field, else undefined. */
function typed(text: string): number | undefined {
  const value = parseNumber(text);
  return value !== undefined && value > 0 ? value : undefined;
}

/**
 * The price the order would trade at: market -> the ask for a buy, the bid for a sell; limit and
 * stop-limit -> the limit; stop -> the stop. Undefined until that price is known.
 */
export function appliedPrice(
  draft: Pick<TicketDraft, "side" | "type" | "limitPrice" | "stopPrice">,
  quote: Pick<Quote, "bid" | "ask"> | undefined,
): number | undefined {
  switch (draft.type) {
    case OrderType.Limit:
    case OrderType.StopLimit:
      return typed(draft.limitPrice);
    case OrderType.Stop:
      return typed(draft.stopPrice);
    default:
      return draft.side === Side.Buy ? quote?.ask : quote?.bid;
  }
}

/** What the ticket shows under the fields, in the quote currency. */
export interface TicketSummary {
  readonly price?: number;
  /** qty × price × point value (a futures contract is worth its multiplier per point). */
  readonly notional?: number;
  /** What the order holds from buying power once filled: notional × the symbol's margin rate. */
  readonly margin?: number;
  readonly buyingPowerAfter?: number;
  /** Bracket: loss at the stop loss, gain at the take profit, and reward per unit of risk. */
  readonly risk?: number;
  readonly reward?: number;
  readonly rewardToRisk?: number;
}

/** The symbol's published terms the figures are priced with. */
export type TicketTerms = Pick<SymbolSpec, "pointValue" | "marginRate">;

export function ticketSummary(
  draft: TicketDraft,
  quote: Pick<Quote, "bid" | "ask"> | undefined,
  terms: TicketTerms | undefined,
  buyingPower: number | undefined,
): TicketSummary {
  const price = appliedPrice(draft, quote);
  const typedQty = typed(draft.qty);
  if (price === undefined || typedQty === undefined || terms === undefined)
    return { price };
  // Quantity in money per point of price: every figure below is a price move times this.
  const qty = typedQty * terms.pointValue;
  const notional = price * qty;
  const margin = notional * terms.marginRate;
  const direction = draft.side === Side.Buy ? 1 : -1;
  const stopLoss = typed(draft.stopLoss);
  const takeProfit = typed(draft.takeProfit);
  const risk =
    stopLoss === undefined ? undefined : (price - stopLoss) * direction * qty;
  const reward =
    takeProfit === undefined
      ? undefined
      : (takeProfit - price) * direction * qty;
  return {
    price,
    notional,
    margin,
    ...(buyingPower === undefined
      ? {}
      : { buyingPowerAfter: buyingPower - margin }),
    ...(risk === undefined ? {} : { risk }),
    ...(reward === undefined ? {} : { reward }),
    ...(risk !== undefined && reward !== undefined && risk > 0
      ? { rewardToRisk: reward / risk }
      : {}),
  };
}
