import { OrderType, ParentType } from "@tradewire/client";
import type { Order } from "../../model/order";

/** An order as a table row: a bracket child is labelled and, under its parent, indented. */
export interface OrderRow {
  readonly order: Order;
  /** "Take profit" or "Stop loss" for a bracket child, else null. */
  readonly role: "Take profit" | "Stop loss" | null;
  /** Drawn right under its parent (which is in the same table). */
  readonly nested: boolean;
  /** What the child belongs to, as the row prints it: an order id or "position". */
  readonly parent: string | null;
}

const roleOf = (order: Order): OrderRow["role"] =>
  order.parentId === undefined
    ? null
    : order.type === OrderType.Limit
      ? "Take profit"
      : "Stop loss";

const parentOf = (order: Order): string | null =>
  order.parentId === undefined
    ? null
    : order.parentType === ParentType.Position
      ? "position"
      : order.parentId;

/**
 * The rows of a table in the table's order, each bracket child moved right under its parent
 * (take profit, then stop loss). A child whose parent is in another table (a filled parent's
 * working brackets) keeps its own place, still labelled with its parent.
 */
export function bracketRows(orders: readonly Order[]): OrderRow[] {
  const ids = new Set(orders.map((o) => o.id));
  const children = new Map<string, Order[]>();
  for (const o of orders)
    if (o.parentId !== undefined && ids.has(o.parentId))
      children.set(o.parentId, [...(children.get(o.parentId) ?? []), o]);
  const rows: OrderRow[] = [];
  for (const order of orders) {
    if (order.parentId !== undefined && ids.has(order.parentId)) continue;
    rows.push({
      order,
      role: roleOf(order),
      nested: false,
      parent: parentOf(order),
    });
    const kids = [...(children.get(order.id) ?? [])].sort(
      (a, b) =>
        Number(roleOf(a) === "Stop loss") - Number(roleOf(b) === "Stop loss"),
    );
    for (const child of kids)
      rows.push({
        order: child,
        role: roleOf(child),
        nested: true,
        parent: parentOf(child),
      });
  }
  return rows;
}
