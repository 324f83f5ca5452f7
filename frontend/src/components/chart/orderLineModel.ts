import { OrderType, ParentType, Side } from "@tradewire/client";
import type { Order } from "../../model/order";
import type { OrderChanges } from "../../model/orderRequest";
import type { Position } from "../../model/position";
import { isOpen } from "../../stores/orders";
import { formatPl, formatQty } from "../common/format";

/** What a line on the chart stands for. */
export type OrderLineKind = "order" | "tp" | "sl" | "position";

/** Which price of an order a line stands at: a stop-limit order has a line for each. */
export type OrderLeg = "stop" | "limit";

/** One horizontal line of the account on the chart: an order's price, a bracket or the position. */
export interface OrderLine {
  /**
   * The order's id (the position's id for the position line); a stop-limit order's limit line is
   * `<order id>:limit` (see `limitLineId`), its stop line the order's id.
   */
  readonly id: string;
  /** The order a move or cancel of this line goes to (the position's id for the position line). */
  readonly orderId: string;
  /** Set on a stop-limit order's lines: which of its prices a move changes. */
  readonly leg?: OrderLeg;
  readonly kind: OrderLineKind;
  readonly price: number;
  readonly label: string;
  readonly color: string;
  /** Only order and bracket lines move; the position line is where the fills put it. */
  readonly draggable: boolean;
  /** The order or position a bracket belongs to. */
  readonly parentId?: string;
}

/**
 * Colour families: a buy's lines are greens, a sell's reds. A bracket takes its parent's family
 * (the parent's side, not its own, which is the opposite), lighter for a take-profit and darker
 * for a stop-loss, so a parent and its children read as one group.
 */
export const LINE_COLORS = {
  buy: { order: "#26a69a", tp: "#80cbc4", sl: "#00796b" },
  sell: { order: "#ef5350", tp: "#ef9a9a", sl: "#c62828" },
  profit: "#26a69a",
  loss: "#ef5350",
  flat: "#8e9bb3",
} as const;

const TYPE_SHORT: Record<OrderType, string> = {
  [OrderType.Limit]: "LMT",
  [OrderType.Market]: "MKT",
  [OrderType.Stop]: "STP",
  [OrderType.StopLimit]: "STP-LMT",
};

const family = (side: Side) =>
  side === Side.Buy ? LINE_COLORS.buy : LINE_COLORS.sell;
const sideWord = (side: Side) => (side === Side.Buy ? "BUY" : "SELL");
const opposite = (side: Side) => (side === Side.Buy ? Side.Sell : Side.Buy);

/** The price a resting order waits at: the stop until it triggers, else the limit. */
export function restingPrice(order: Order): number | undefined {
  return order.type === OrderType.Stop || order.type === OrderType.StopLimit
    ? order.stopPrice
    : order.limitPrice;
}

/** A bracket child is a take-profit when it is a limit order, a stop-loss when it is a stop. */
export function bracketKind(order: Order): "tp" | "sl" | null {
  if (order.parentId === undefined) return null;
  return order.type === OrderType.Limit ? "tp" : "sl";
}

/** The id of a stop-limit order's limit line. */
export const limitLineId = (orderId: string) => `${orderId}:limit`;

/** The price a line of `order` stands at: the limit for a stop-limit's limit leg, else resting. */
export function legPrice(order: Order, leg?: OrderLeg): number | undefined {
  return leg === "limit" ? order.limitPrice : restingPrice(order);
}

/** The quantity still to fill: what a line is labelled with and what its notional is of. */
const remaining = (order: Order) => order.qty - order.filledQty;

/** `BUY LMT 5`: side, type and the quantity still to fill. */
export function orderLabel(order: Order): string {
  return `${sideWord(order.side)} ${TYPE_SHORT[order.type]} ${formatQty(remaining(order))}`;
}

/** A short form of an id for a label (`ord_AbC…` -> `AbCd`), the whole id stays in the tables. */
export function shortId(id: string): string {
  const tail = id.includes("_") ? id.slice(id.indexOf("_") + 1) : id;
  return tail.slice(0, 4);
}

function bracketLine(
  order: Order,
  kind: "tp" | "sl",
  price: number,
  parent: Order | Position | undefined,
): OrderLine {
  const parentSide = parent?.side ?? opposite(order.side);
  const of =
    order.parentType === ParentType.Position
      ? "position"
      : `#${shortId(order.parentId ?? "")}`;
  return {
    id: order.id,
    orderId: order.id,
    kind,
    price,
    label: `${kind.toUpperCase()} ${formatQty(remaining(order))} ${of}`,
    color: family(parentSide)[kind],
    draggable: true,
    ...(order.parentId === undefined ? {} : { parentId: order.parentId }),
  };
}

/**
 * The lines of `symbol`: its open orders with a price (working, and brackets waiting for their
 * parent), then its position at the average price with the live P&L.
 */
export function orderLines(
  orders: readonly Order[],
  position: Position | undefined,
  symbol: string,
): OrderLine[] {
  const byId = new Map(orders.map((o) => [o.id, o]));
  const lines: OrderLine[] = [];
  for (const order of orders) {
    if (order.symbol !== symbol || !isOpen(order)) continue;
    const price = restingPrice(order);
    if (price === undefined) continue;
    const kind = bracketKind(order);
    if (kind) {
      const parent =
        order.parentType === ParentType.Position
          ? position
          : byId.get(order.parentId ?? "");
      lines.push(bracketLine(order, kind, price, parent));
    } else lines.push(...workingLines(order, price));
  }
  if (position && position.symbol === symbol && position.qty > 0)
    lines.push(positionLine(position));
  return lines;
}

/** A working order's line at its resting price; a stop-limit's stop line and its limit line. */
function workingLines(order: Order, price: number): OrderLine[] {
  const line = {
    id: order.id,
    orderId: order.id,
    kind: "order" as const,
    price,
    label: orderLabel(order),
    color: family(order.side).order,
    draggable: true,
  };
  if (order.type !== OrderType.StopLimit || order.limitPrice === undefined)
    return [line];
  return [
    { ...line, label: `${line.label} stop`, leg: "stop" },
    {
      ...line,
      id: limitLineId(order.id),
      price: order.limitPrice,
      label: `${line.label} limit`,
      leg: "limit",
    },
  ];
}

export function positionLine(position: Position): OrderLine {
  const pl = position.unrealizedPl;
  return {
    id: position.id,
    orderId: position.id,
    kind: "position",
    price: position.avgPrice,
    label: `${position.side === Side.Buy ? "LONG" : "SHORT"} ${formatQty(position.qty)} ${formatPl(pl)}`,
    color:
      pl > 0
        ? LINE_COLORS.profit
        : pl < 0
          ? LINE_COLORS.loss
          : LINE_COLORS.flat,
    draggable: false,
  };
}

/** A modification the chart sends for a dragged line, and the order it goes to. */
export interface LineModification {
  readonly orderId: string;
  readonly changes: OrderChanges;
  /** Price times the quantity still to fill: what the confirmation rule looks at. */
  readonly notional: number;
}

/**
 * What dragging `order`'s line to `price` changes. A bracket whose parent order still works is
 * moved through the parent's take-profit / stop-loss (the broker keeps the children in step with
 * the parent, so a child changed on its own would snap back on the parent's next change); once the
 * parent has filled, the child itself is modified. A stop-limit's `leg` says which of its prices
 * moves; its notional is at the limit, the price it fills at, as the ticket values it. Answers
 * null when nothing would change.
 */
export function lineModification(
  order: Order,
  price: number,
  parent: Order | undefined,
  leg?: OrderLeg,
): LineModification | null {
  const valuedAt =
    order.type === OrderType.StopLimit && leg !== "limit"
      ? (order.limitPrice ?? price)
      : price;
  const notional = valuedAt * remaining(order);
  const kind = bracketKind(order);
  if (kind && parent && isOpen(parent)) {
    const field = kind === "tp" ? "takeProfit" : "stopLoss";
    if (parent[field] === price) return null;
    return { orderId: parent.id, changes: { [field]: price }, notional };
  }
  if (legPrice(order, leg) === price) return null;
  const field =
    leg !== "limit" &&
    (order.type === OrderType.Stop || order.type === OrderType.StopLimit)
      ? "stopPrice"
      : "limitPrice";
  return { orderId: order.id, changes: { [field]: price }, notional };
}

/** A price on the symbol's tick grid, as the broker accepts it. */
export function onTickGrid(
  price: number,
  tickSize: number,
  precision: number,
): number {
  if (!(tickSize > 0)) return Number(price.toFixed(precision));
  return Number((Math.round(price / tickSize) * tickSize).toFixed(precision));
}
