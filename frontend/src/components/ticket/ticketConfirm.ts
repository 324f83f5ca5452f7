import { OrderType, Side } from "@tradewire/client";
import type { MarketStatus } from "../../model/marketStatus";
import { marketStatusText } from "../../model/marketStatus";
import type { OrderTicket } from "../../model/orderRequest";
import type { ConfirmRequest } from "../../stores/confirm";
import {
  formatMoney,
  formatPrice,
  formatQty,
  ORDER_TYPE_LABELS,
  sideLabel,
} from "../common/format";

export interface ConfirmContext {
  readonly ticket: OrderTicket;
  /** The price that will apply (see `appliedPrice`), and the notional at it. */
  readonly price: number | undefined;
  readonly notional: number | undefined;
  readonly currency: string;
  readonly pricePrecision: number;
  readonly qtyPrecision: number;
  /** Present and closed: the order goes to a closed market. */
  readonly market: MarketStatus | undefined;
  /** Present: what the order does to the open position (`closingText`). */
  readonly closing?: string;
}

function priceLine(context: ConfirmContext, price: string): string {
  const { ticket } = context;
  switch (ticket.type) {
    case OrderType.Limit:
      return `Limit ${price}`;
    case OrderType.Stop:
      return `Stop ${price}`;
    case OrderType.StopLimit:
      return `Stop ${formatPrice(ticket.stopPrice, context.pricePrecision)}, limit ${price}`;
    default:
      return `Market, now ${price} (${ticket.side === Side.Buy ? "ask" : "bid"})`;
  }
}

/** The dialog asking before an order is sent: what, at what price, for how much. */
export function orderConfirmation(context: ConfirmContext): ConfirmRequest {
  const { ticket } = context;
  const side = sideLabel(ticket.side);
  const qty = formatQty(ticket.qty, context.qtyPrecision);
  const price = formatPrice(context.price, context.pricePrecision);
  const closed = context.market !== undefined && !context.market.open;
  const lines = [
    `${side} ${qty} ${ticket.symbol} ${ORDER_TYPE_LABELS[ticket.type]}`,
    ...(context.closing === undefined ? [] : [context.closing]),
    priceLine(context, price),
    `Notional ${formatMoney(context.notional)} ${context.currency}`,
  ];
  if (closed && context.market)
    lines.unshift(
      marketStatusText(context.market),
      "The broker refuses every new order while the market is closed.",
    );
  return {
    title: closed ? `${ticket.symbol}: market closed` : "Confirm order",
    lines,
    confirmLabel: closed ? "Send anyway" : `${side} ${qty} ${ticket.symbol}`,
    danger: closed || ticket.side === Side.Sell,
  };
}
