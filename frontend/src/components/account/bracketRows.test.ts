import { OrderStatus, OrderType, ParentType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import type { Order } from "../../model/order";
import { bracketRows } from "./bracketRows";

const order = (id: string, over: Partial<Order> = {}): Order => ({
  id,
  symbol: "AAPL",
  type: OrderType.Limit,
  side: Side.Buy,
  qty: 1,
  status: OrderStatus.Working,
  filledQty: 0,
  duration: "DAY",
  createTime: 1,
  updateTime: 1,
  ...over,
});
const child = (id: string, type: OrderType, parentId: string) =>
  order(id, {
    type,
    side: Side.Sell,
    parentId,
    parentType: ParentType.Order,
    status: OrderStatus.Inactive,
  });

describe("bracketRows", () => {
  it("puts each bracket under its parent, take profit first, labelled and indented", () => {
    const rows = bracketRows([
      child("sl1", OrderType.Stop, "p1"),
      order("p2"),
      order("p1"),
      child("tp1", OrderType.Limit, "p1"),
    ]);
    expect(rows.map((r) => [r.order.id, r.role, r.nested, r.parent])).toEqual([
      ["p2", null, false, null],
      ["p1", null, false, null],
      ["tp1", "Take profit", true, "p1"],
      ["sl1", "Stop loss", true, "p1"],
    ]);
  });

  it("keeps a bracket whose parent is elsewhere in place, still labelled with its parent", () => {
    const onPosition = order("c2", {
      type: OrderType.Stop,
      parentId: "pos_1",
      parentType: ParentType.Position,
    });
    const rows = bracketRows([
      child("tp9", OrderType.Limit, "filled"),
      onPosition,
    ]);
    expect(rows.map((r) => [r.order.id, r.role, r.nested, r.parent])).toEqual([
      ["tp9", "Take profit", false, "filled"],
      ["c2", "Stop loss", false, "position"],
    ]);
  });
});
