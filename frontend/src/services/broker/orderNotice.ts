import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { formatPrice, formatQty } from "../../components/common/format";
import type { Order } from "../../model/order";
import { reasonText } from "../../model/reasonText";

export type NoticeKind =
  "filled" | "partial" | "rejected" | "cancelled" | "expired";

/** Something about an order the trader should hear of without looking at the tables. */
export interface OrderNotice {
  readonly kind: NoticeKind;
  readonly title: string;
  readonly body: string;
  /** One browser notification per order state, so a repeat replaces rather than stacks. */
  readonly tag: string;
}

/** The part of an order's state its notices follow. */
export interface NoticeState {
  readonly status: OrderStatus;
  readonly filledQty: number;
}

const TYPE_WORD: Record<OrderType, string> = {
  [OrderType.Limit]: "limit",
  [OrderType.Market]: "market",
  [OrderType.Stop]: "stop",
  [OrderType.StopLimit]: "stop-limit",
};

const isExpiry = (reason: string | undefined) =>
  /\bexpired\b/i.test(reason ?? "");

function subject(order: Order): string {
  if (order.parentId === undefined) return "Order";
  return order.type === OrderType.Limit ? "Take profit" : "Stop loss";
}

/** `Buy 5 AAPL limit 190.00`: what the order was, for a rejection or a cancel. */
function describe(order: Order, precision: number): string {
  const price = order.limitPrice ?? order.stopPrice;
  const at = price === undefined ? "" : ` ${formatPrice(price, precision)}`;
  const side = order.side === Side.Buy ? "Buy" : "Sell";
  return `${side} ${formatQty(order.qty)} ${order.symbol} ${TYPE_WORD[order.type]}${at}`;
}

function fillNotice(
  order: Order,
  filled: number,
  precision: number,
): OrderNotice {
  const verb = order.side === Side.Buy ? "Bought" : "Sold";
  const at = formatPrice(order.avgPrice, precision);
  const whole = order.status === OrderStatus.Filled;
  const left = order.qty - order.filledQty;
  return {
    kind: whole ? "filled" : "partial",
    title: whole
      ? `${subject(order)} filled`
      : `${subject(order)} partially filled`,
    body: whole
      ? `${verb} ${formatQty(filled)} ${order.symbol} @ ${at}`
      : `${verb} ${formatQty(filled)} ${order.symbol} @ ${at} (${formatQty(order.filledQty)} of ${formatQty(order.qty)}, ${formatQty(left)} left)`,
    tag: `order-${order.id}-fill-${order.filledQty}`,
  };
}

/**
 * The notice for an order's new state, given the state the stream showed before (`previous`,
 * undefined when the order is new to this session). Fills, partial fills, rejections and the
 * broker's own cancels and expiries are told; a cancel the trader asked for (no reason) and the
 * brackets the broker cancels with their parent or sibling (that event is told already) are not.
 */
export function orderNotice(
  previous: NoticeState | undefined,
  order: Order,
  precision: number,
): OrderNotice | null {
  const filledBefore = previous?.filledQty ?? 0;
  if (order.filledQty > filledBefore)
    return fillNotice(order, order.filledQty - filledBefore, precision);
  if (previous?.status === order.status) return null;
  const reason = reasonText(order.rejectReason, precision);
  if (order.status === OrderStatus.Rejected)
    return {
      kind: "rejected",
      title: `${subject(order)} rejected`,
      body: `${describe(order, precision)}: ${reason}`,
      tag: `order-${order.id}-rejected`,
    };
  if (
    order.status !== OrderStatus.Canceled ||
    order.rejectReason === undefined ||
    order.parentId !== undefined
  )
    return null;
  const expired = isExpiry(order.rejectReason);
  return {
    kind: expired ? "expired" : "cancelled",
    title: expired
      ? `${subject(order)} expired`
      : `${subject(order)} cancelled by the broker`,
    body: `${describe(order, precision)}: ${reason}`,
    tag: `order-${order.id}-${expired ? "expired" : "cancelled"}`,
  };
}

/** How long before the session started an order may have been created and still be news. */
export const FRESH_SLACK_MS = 5_000;

/**
 * Follows the orders stream and answers the notices to show. The first state of an order seen
 * is news only when the order is newer than the session (placed elsewhere since): the snapshot
 * of older orders, and the snapshot sent again after a reconnect, tell nothing.
 */
export class OrderNotices {
  private readonly seen = new Map<string, NoticeState>();

  constructor(private readonly startedAt: number) {}

  next(order: Order, precision: number): OrderNotice | null {
    const previous = this.seen.get(order.id);
    // An older state arriving late (a REST answer raced the stream) tells nothing.
    if (previous && previous.filledQty > order.filledQty) return null;
    this.seen.set(order.id, {
      status: order.status,
      filledQty: order.filledQty,
    });
    if (!previous && order.createTime < this.startedAt - FRESH_SLACK_MS)
      return null;
    return orderNotice(previous, order, precision);
  }
}
