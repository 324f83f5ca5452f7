import { OrderType, Side } from "@tradewire/client";
import {
  usesLimitPrice,
  usesStopPrice,
  type OrderTicket,
} from "../../model/orderRequest";
import type { SymbolSpec } from "../../model/symbol";

/** The ticket's inputs as typed; strings so that a half-typed number survives re-renders. */
export interface TicketDraft {
  side: Side;
  type: OrderType;
  qty: string;
  limitPrice: string;
  stopPrice: string;
  takeProfit: string;
  stopLoss: string;
}

export const PRICE_FIELDS = [
  "limitPrice",
  "stopPrice",
  "takeProfit",
  "stopLoss",
] as const;
export type PriceField = (typeof PRICE_FIELDS)[number];
export type TicketField = "qty" | PriceField;
/** Field messages, plus `form` for what belongs to no field. */
export type TicketErrors = Partial<Record<TicketField | "form", string>>;

export const TICKET_FIELDS: readonly TicketField[] = ["qty", ...PRICE_FIELDS];

export function emptyDraft(): TicketDraft {
  return {
    side: Side.Buy,
    type: OrderType.Market,
    qty: "1",
    limitPrice: "",
    stopPrice: "",
    takeProfit: "",
    stopLoss: "",
  };
}

/** True when `field` is an input the current order type shows. */
export function fieldApplies(type: OrderType, field: TicketField): boolean {
  if (field === "limitPrice") return usesLimitPrice(type);
  if (field === "stopPrice") return usesStopPrice(type);
  return true;
}

function parseNumber(text: string): number | undefined {
  const cleaned = text.replace(/[,\s]/g, "");
  if (cleaned === "") return undefined;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Moves a price by `ticks` ticks (arrow keys), starting from `start` when empty. */
export function stepPrice(
  text: string,
  ticks: number,
  spec: SymbolSpec,
  start?: number,
): string {
  const value = parseNumber(text);
  const base = value === undefined || Number.isNaN(value) ? start : value;
  if (base === undefined) return text;
  return Math.max(spec.tickSize, base + ticks * spec.tickSize).toFixed(
    spec.pricePrecision,
  );
}

/**
 * Reads the draft into a ticket, or the messages per field for what cannot even be sent (text
 * that is not a number). The order rules themselves (quantity above 0, prices on the tick grid,
 * prices the type needs) are the server's: it answers with the field at fault, and the ticket shows
 * that message, so the terminal never disagrees with the broker.
 */
export function readDraft(
  draft: TicketDraft,
  symbol: string,
  spec: SymbolSpec | undefined,
): { ticket: OrderTicket } | { errors: TicketErrors } {
  const errors: TicketErrors = {};
  if (!spec) return { errors: { form: `${symbol} is not resolved yet` } };
  const qty = parseNumber(draft.qty);
  if (qty === undefined || Number.isNaN(qty)) errors.qty = "Enter a quantity";
  const prices: Partial<Record<PriceField, number>> = {};
  for (const field of PRICE_FIELDS) {
    if (!fieldApplies(draft.type, field)) continue;
    const value = parseNumber(draft[field]);
    if (value !== undefined && Number.isNaN(value))
      errors[field] = "Enter a number";
    else if (value !== undefined) prices[field] = value;
  }
  if (Object.keys(errors).length > 0 || qty === undefined) return { errors };
  return {
    ticket: { symbol, side: draft.side, type: draft.type, qty, ...prices },
  };
}

let sequence = 0;

/** Unique per submission, so a retried request cannot place the order twice. */
export function newClientOrderId(now = Date.now()): string {
  sequence = (sequence + 1) % 1_000_000;
  const random = Math.floor(Math.random() * 36 ** 6).toString(36);
  return `tw-${now.toString(36)}-${sequence.toString(36)}-${random}`;
}
