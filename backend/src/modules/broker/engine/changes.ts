import { OrderStatus, type Execution } from "@tradewire/client";
import type { BrokerRejection } from "../domain/rejection";
import type { InstrumentRules } from "../../../contracts/market-data";
import { cents, commission, roundQty } from "../domain/money";
import { applyFill } from "../domain/positions";
import type { BookChange } from "../store/broker-store";
import type { BookOrder } from "../store/rows";
import { isOpen, type AccountBook } from "./account-book";
import { newId } from "./ids";

export function withStatus(
  o: BookOrder,
  status: OrderStatus,
  now: number,
  rejectReason?: string,
): BookOrder {
  return {
    ...o,
    order: {
      ...o.order,
      status,
      updateTime: now,
      ...(rejectReason !== undefined ? { rejectReason } : {}),
    },
  };
}

export function ordersOnly(
  book: AccountBook,
  orders: readonly BookOrder[],
): BookChange {
  return {
    accountId: book.accountId,
    orders,
    executions: [],
    positions: [],
    account: null,
  };
}

/** Cancel orders and, with them, the brackets still waiting on them. */
export function cancelChange(
  book: AccountBook,
  targets: readonly BookOrder[],
  now: number,
  reason?: string,
): BookChange {
  const ids = new Set(targets.map((t) => t.order.id));
  const cancelled = targets.map((t) =>
    withStatus(t, OrderStatus.Canceled, now, reason),
  );
  for (const child of book.openOrders()) {
    if (
      child.order.parentId !== undefined &&
      ids.has(child.order.parentId) &&
      !ids.has(child.order.id)
    ) {
      cancelled.push(
        withStatus(
          child,
          OrderStatus.Canceled,
          now,
          "its parent order was cancelled",
        ),
      );
    }
  }
  return ordersOnly(book, cancelled);
}

/**
 * A working order the broker refuses at a later moment (a stop triggered or an order reached by
 * a market the account can no longer afford): Rejected with the code and reason, and the
 * brackets waiting on it cancelled with it.
 */
export function refusalChange(
  book: AccountBook,
  target: BookOrder,
  refusal: BrokerRejection,
  now: number,
): BookChange {
  const rejected: BookOrder = {
    ...withStatus(target, OrderStatus.Rejected, now, refusal.message),
    rejectCode: refusal.code,
  };
  const children = book
    .openOrders()
    .filter((o) => o.order.parentId === target.order.id)
    .map((o) =>
      withStatus(o, OrderStatus.Canceled, now, "its parent order was rejected"),
    );
  return ordersOnly(book, [rejected, ...children]);
}

/**
 * Everything one fill changes, as one change to commit: the order, an execution with its
 * commission, the position (average price, realized P&L), the balance, and the brackets: a filled
 * parent activates its take-profit and stop-loss, a filled bracket cancels its sibling (OCO), and
 * a position that goes flat takes its remaining brackets with it.
 */
export function fillChange(
  book: AccountBook,
  target: BookOrder,
  price: number,
  instrument: InstrumentRules,
  now: number,
  extra: readonly BookOrder[] = [],
): BookChange {
  const { order } = target;
  const qty = roundQty(order.qty - order.filledQty);
  // Order rules admit nothing under one lot; a zero fill would make the average price 0 / 0.
  if (!(qty > 0) || !(price > 0))
    throw new Error(
      `refusing a fill of ${qty} at ${price} for order ${order.id}`,
    );
  const before = book.position(order.symbol);
  const { position, realizedQuote } = applyFill(
    before,
    order.side,
    qty,
    price,
    instrument.pointValue,
  );
  const realized = cents(book.toAccount(realizedQuote, instrument, price));
  const fee = commission(
    instrument,
    qty,
    book.toAccount(qty * price * instrument.pointValue, instrument, price),
  );
  const sequence = book.executionSeq + 1;
  const execution: Execution = {
    id: newId("exe"),
    sequence,
    orderId: order.id,
    symbol: order.symbol,
    side: order.side,
    qty,
    price,
    commission: fee,
    time: now,
  };
  const orders: BookOrder[] = [
    ...extra,
    {
      ...target,
      order: {
        ...order,
        status: OrderStatus.Filled,
        filledQty: order.qty,
        avgPrice: price,
        updateTime: now,
      },
    },
  ];
  const touched = new Set(orders.map((o) => o.order.id));
  const open = book.openOrders().filter((o) => !touched.has(o.order.id));
  const pending = [
    ...open,
    ...extra.filter((o) => o.order.status === OrderStatus.Inactive),
  ];
  for (const other of pending) {
    const sameParent =
      order.parentId !== undefined && other.order.parentId === order.parentId;
    const child = other.order.parentId === order.id;
    const orphaned =
      position.netQty === 0 &&
      other.order.symbol === order.symbol &&
      other.order.parentId !== undefined &&
      !child;
    let next: BookOrder | null = null;
    if (child && other.order.status === OrderStatus.Inactive)
      next = withStatus(other, OrderStatus.Working, now);
    else if (sameParent)
      next = withStatus(
        other,
        OrderStatus.Canceled,
        now,
        "the other bracket filled (OCO)",
      );
    else if (orphaned && isOpen(other))
      next = withStatus(
        other,
        OrderStatus.Canceled,
        now,
        "the position it protected is closed",
      );
    if (next) {
      const index = orders.findIndex((o) => o.order.id === next.order.id);
      if (index >= 0) orders[index] = next;
      else orders.push(next);
    }
  }
  return {
    accountId: book.accountId,
    orders,
    executions: [execution],
    positions: [
      {
        symbol: order.symbol,
        netQty: position.netQty,
        avgPrice: position.avgPrice,
        realizedPl: before.realizedPl + realized,
        updateTime: now,
      },
    ],
    account: {
      balance: cents(book.balance + realized - fee),
      realizedPl: cents(book.realizedPl + realized),
      executionSeq: sequence,
    },
  };
}
