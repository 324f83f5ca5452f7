import { OrderStatus } from "@tradewire/client";
import type { Order } from "../../model/order";
import {
  formatPrice,
  formatQty,
  ORDER_TYPE_LABELS,
  sideLabel,
} from "../common/format";

/** The ticket's status line for the order it sent (`data-status` is `key`). */
export interface TicketStatusLine {
  readonly key:
    | "placing"
    | "inactive"
    | "working"
    | "partially-filled"
    | "filled"
    | "cancelled"
    | "rejected";
  readonly text: string;
}

/** Decimals for prices and quantities of the order's symbol. */
export interface OrderPrecision {
  readonly price: number;
  readonly qty: number;
}

/**
 * Where the order stands, in the terminal's words, followed to its end: Working, Partially filled,
 * Filled, Cancelled, or Rejected with the broker's reason. The API has no Expired status (every
 * order is good till cancelled), so none is shown.
 */
export function ticketStatusLine(
  order: Order,
  precision: OrderPrecision,
): TicketStatusLine {
  const qty = (value: number) => formatQty(value, precision.qty);
  const what = `${sideLabel(order.side)} ${qty(order.qty)} ${order.symbol} ${ORDER_TYPE_LABELS[order.type]}`;
  const at =
    order.avgPrice === undefined
      ? ""
      : ` @ ${formatPrice(order.avgPrice, precision.price)}`;
  switch (order.status) {
    case OrderStatus.Filled:
      return {
        key: "filled",
        text: `${what}: filled ${qty(order.filledQty)}${at}`,
      };
    case OrderStatus.Canceled:
      return order.filledQty > 0
        ? {
            key: "cancelled",
            text: `${what}: cancelled after ${qty(order.filledQty)} filled${at}`,
          }
        : { key: "cancelled", text: `${what}: cancelled` };
    case OrderStatus.Rejected:
      return {
        key: "rejected",
        text: `${what}: rejected${order.rejectReason ? ` — ${order.rejectReason}` : ""}`,
      };
    case OrderStatus.Placing:
      return { key: "placing", text: `${what}: placing…` };
    case OrderStatus.Inactive:
      return { key: "inactive", text: `${what}: waiting for its parent` };
    default:
      return order.filledQty > 0
        ? {
            key: "partially-filled",
            text: `${what}: partially filled ${qty(order.filledQty)} of ${qty(order.qty)}${at}`,
          }
        : { key: "working", text: `${what}: working` };
  }
}
