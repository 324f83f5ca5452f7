import {
  OrderStatus,
  OrderType,
  ParentType,
  Side,
  type components,
  type Order,
} from "@tradewire/client";
import type { BookOrder } from "../store/rows";
import type { AccountBook } from "./account-book";
import { newId } from "./ids";

type PlaceOrderRequest = components["schemas"]["PlaceOrderRequest"];

/** A new working order from a placement request (its account is stamped on commit). */
export function newOrder(
  request: PlaceOrderRequest,
  symbol: string,
  now: number,
  clientRequest: string | null = null,
  requestId?: string,
): BookOrder {
  const order: Order = {
    id: newId("ord"),
    symbol,
    type: request.type,
    side: request.side,
    qty: request.qty,
    status: OrderStatus.Working,
    filledQty: 0,
    duration: request.duration ?? { type: "DAY" },
    createTime: now,
    updateTime: now,
    ...(request.clientOrderId !== undefined
      ? { clientOrderId: request.clientOrderId }
      : {}),
    ...(request.limitPrice !== undefined
      ? { limitPrice: request.limitPrice }
      : {}),
    ...(request.stopPrice !== undefined
      ? { stopPrice: request.stopPrice }
      : {}),
    ...(request.takeProfit !== undefined
      ? { takeProfit: request.takeProfit }
      : {}),
    ...(request.stopLoss !== undefined ? { stopLoss: request.stopLoss } : {}),
  };
  return {
    order,
    accountId: "",
    stopTriggered: false,
    rejectCode: null,
    clientRequest,
    ...(requestId !== undefined ? { requestId } : {}),
  };
}

/** The take-profit (limit) and stop-loss (stop) children of a new order, inactive until it fills. */
export function brackets(parent: BookOrder, now: number): BookOrder[] {
  const { order } = parent;
  const child = (type: OrderType, price: number): BookOrder => ({
    ...parent,
    clientRequest: null,
    order: {
      id: newId("ord"),
      symbol: order.symbol,
      type,
      side: order.side === Side.Buy ? Side.Sell : Side.Buy,
      qty: order.qty,
      status: OrderStatus.Inactive,
      filledQty: 0,
      duration: { type: "GTC" },
      parentId: order.id,
      parentType: ParentType.Order,
      ...(type === OrderType.Limit
        ? { limitPrice: price }
        : { stopPrice: price }),
      createTime: now,
      updateTime: now,
    },
  });
  const out: BookOrder[] = [];
  if (order.takeProfit !== undefined)
    out.push(child(OrderType.Limit, order.takeProfit));
  if (order.stopLoss !== undefined)
    out.push(child(OrderType.Stop, order.stopLoss));
  return out;
}

/** Follow a parent's changed quantity, take-profit and stop-loss into its children, adding missing ones. */
export function resyncBrackets(
  book: AccountBook,
  parent: BookOrder,
  now: number,
): BookOrder[] {
  const children = book
    .openOrders()
    .filter((o) => o.order.parentId === parent.order.id);
  const out: BookOrder[] = [];
  const wanted = [
    {
      type: OrderType.Limit,
      price: parent.order.takeProfit,
      key: "limitPrice" as const,
    },
    {
      type: OrderType.Stop,
      price: parent.order.stopLoss,
      key: "stopPrice" as const,
    },
  ];
  for (const w of wanted) {
    if (w.price === undefined) continue;
    const existing = children.find((c) => c.order.type === w.type);
    if (existing)
      out.push({
        ...existing,
        order: {
          ...existing.order,
          qty: parent.order.qty,
          [w.key]: w.price,
          updateTime: now,
        },
      });
    else
      out.push(
        ...brackets(
          {
            ...parent,
            order: {
              ...parent.order,
              takeProfit: undefined,
              stopLoss: undefined,
              [w.type === OrderType.Limit ? "takeProfit" : "stopLoss"]: w.price,
            },
          },
          now,
        ),
      );
  }
  return out;
}
