import { OrderType, Side } from "@tradewire/client";
import {
  usesLimitPrice,
  usesStopPrice,
  type OrderTicket,
} from "../../model/orderRequest";
import { formatSteps, lotOf, wholeSteps } from "../../model/orderSizing";
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
    qty: "",
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

/**
 * What a numeric field may hold while typed: digits and at most one decimal separator ("." or
 * ","); no sign, exponent, letter, space or thousands separator.
 */
const NUMERIC_TEXT = /^\d*[.,]?\d*$/;

/** True when `text` may stand in a numeric field (empty and "12." included). */
export function isNumericText(text: string): boolean {
  return NUMERIC_TEXT.test(text);
}

/** The number in a field: undefined when empty, NaN when not strictly a number ("1e3", "abc"). */
export function parseNumber(text: string): number | undefined {
  if (text === "") return undefined;
  if (!NUMERIC_TEXT.test(text) || !/\d/.test(text)) return Number.NaN;
  return Number(text.replace(",", "."));
}

/** Moves a field's value by `steps` grid steps (arrow keys), from `start` when empty. */
export function stepValue(
  text: string,
  steps: number,
  step: number,
  start?: number,
): string {
  const value = parseNumber(text);
  const base = value === undefined || Number.isNaN(value) ? start : value;
  if (base === undefined) return text;
  // From off the grid, the first press lands on the grid in its direction.
  const from = base / step;
  const onGrid = wholeSteps(base, step) !== null;
  const target = onGrid
    ? Math.round(from) + steps
    : (steps > 0 ? Math.floor(from) : Math.ceil(from)) + steps;
  return formatSteps(Math.max(1, target), step);
}

/** Moves a price by `ticks` ticks, starting from `start` when empty. */
export function stepPrice(
  text: string,
  ticks: number,
  spec: SymbolSpec,
  start?: number,
): string {
  return stepValue(text, ticks, spec.tickSize, start);
}

function fieldError(
  field: TicketField,
  value: number,
  spec: SymbolSpec,
): string | undefined {
  if (field === "qty") {
    const lot = lotOf(spec);
    const lotText = formatSteps(1, lot);
    if (value < lot * (1 - 1e-9))
      return `Quantity must be at least one lot (${lotText})`;
    if (wholeSteps(value, lot) === null)
      return `Quantity must be a whole number of lots (${lotText})`;
    return undefined;
  }
  if (value <= 0) return "Enter a price above 0";
  if (wholeSteps(value, spec.tickSize) === null)
    return `Price must be a multiple of the tick ${spec.tickSize.toFixed(spec.pricePrecision)}`;
  return undefined;
}

/**
 * Reads the draft into a ticket, or the messages per field: text that is not strictly a number, a
 * quantity under one lot or off the lot grid, a price at or below 0 or off the tick grid. What
 * depends on the market (prices the type needs, bracket sides, buying power) is the server's: it
 * answers with the field at fault, and the ticket shows that message.
 */
export function readDraft(
  draft: TicketDraft,
  symbol: string,
  spec: SymbolSpec | undefined,
): { ticket: OrderTicket } | { errors: TicketErrors } {
  const errors: TicketErrors = {};
  if (!spec) return { errors: { form: `${symbol} is not resolved yet` } };
  const values: Partial<Record<TicketField, number>> = {};
  for (const field of TICKET_FIELDS) {
    if (!fieldApplies(draft.type, field)) continue;
    const value = parseNumber(draft[field]);
    if (value === undefined) {
      if (field === "qty") errors.qty = "Enter a quantity";
      continue;
    }
    const message = Number.isNaN(value)
      ? "Enter a number (digits and one . or ,)"
      : fieldError(field, value, spec);
    if (message) errors[field] = message;
    else values[field] = value;
  }
  const { qty, ...prices } = values;
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
