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
 * of older orders, and the snapshot sent again after a reconnect, tell nothing. The session's
 * start is on the server's clock, which stamps the orders (`begin`); until it is known the first
 * states seen wait, and `begin` answers the notices of those that were news.
 */
export class OrderNotices {
  private readonly seen = new Map<string, NoticeState>();
  private startedAt: number | undefined;
  private waiting: { order: Order; precision: number }[] = [];

  constructor(startedAt?: number) {
    this.startedAt = startedAt;
  }

  /** The session's start on the server's clock (Unix ms); answers the waiting notices. */
  begin(startedAt: number): OrderNotice[] {
    this.startedAt = startedAt;
    const waiting = this.waiting;
    this.waiting = [];
    return waiting.flatMap(({ order, precision }) => {
      const notice = this.first(order, precision);
      return notice ? [notice] : [];
    });
  }

  next(order: Order, precision: number): OrderNotice | null {
    const previous = this.seen.get(order.id);
    // An older state arriving late (a REST answer raced the stream) tells nothing.
    if (previous && previous.filledQty > order.filledQty) return null;
    this.seen.set(order.id, {
      status: order.status,
      filledQty: order.filledQty,
    });
    if (previous) return orderNotice(previous, order, precision);
    if (this.startedAt === undefined) {
      this.waiting.push({ order, precision });
      return null;
    }
    return this.first(order, precision);
  }

  private first(order: Order, precision: number): OrderNotice | null {
    if (order.createTime < (this.startedAt ?? 0) - FRESH_SLACK_MS) return null;
    return orderNotice(undefined, order, precision);
  }
}

/**
 * When the session opened on the server's clock (Unix ms), from the server's time read as it
 * opens: that answer is whole seconds read at some moment of the round trip, so the round trip
 * (measured on the browser's clock, whose offset does not matter to a duration) is taken off to
 * be sure of a time no later than the session's start. The browser's clock when the server
 * cannot say.
 */
export async function sessionStart(
  serverTime: () => Promise<number>,
  now: () => number,
): Promise<number> {
  const sent = now();
  try {
    const server = await serverTime();
    return server - Math.max(0, now() - sent);
  } catch {
    return sent;
  }
}
