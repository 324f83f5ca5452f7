import { OrderStatus, OrderType, ParentType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import type { Order_Ws_Backend } from "../clients/ws-types-generated";
import { toOrder } from "./order";

const REQUIRED: Order_Ws_Backend = {
  id: "O1",
  symbol: "AAPL",
  type: OrderType.Market,
  side: Side.Buy,
  qty: 10,
  status: OrderStatus.Working,
  filledQty: 0,
  duration: { type: "DAY" },
  createTime: 1_700_000_000_000,
  updateTime: 1_700_000_000_500,
};

describe("toOrder", () => {
  it("maps every field, the duration object to its type", () => {
    const wire: Order_Ws_Backend = {
      ...REQUIRED,
      clientOrderId: "c-1",
      type: OrderType.StopLimit,
      side: Side.Sell,
      status: OrderStatus.Inactive,
      limitPrice: 189.5,
      stopPrice: 190,
      avgPrice: 189.55,
      filledQty: 4,
      parentId: "O0",
      parentType: ParentType.Order,
      takeProfit: 180,
      stopLoss: 195,
      duration: { type: "GTC" },
      rejectReason: "none",
    };
    expect(toOrder(wire)).toStrictEqual({
      id: "O1",
      clientOrderId: "c-1",
      symbol: "AAPL",
      type: OrderType.StopLimit,
      side: Side.Sell,
      qty: 10,
      status: OrderStatus.Inactive,
      limitPrice: 189.5,
      stopPrice: 190,
      avgPrice: 189.55,
      filledQty: 4,
      parentId: "O0",
      parentType: ParentType.Order,
      takeProfit: 180,
      stopLoss: 195,
      duration: "GTC",
      rejectReason: "none",
      createTime: 1_700_000_000_000,
      updateTime: 1_700_000_000_500,
    });
  });

  it("leaves every absent optional field absent", () => {
    expect(toOrder(REQUIRED)).toStrictEqual({
      id: "O1",
      symbol: "AAPL",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 10,
      status: OrderStatus.Working,
      filledQty: 0,
      duration: "DAY",
      createTime: 1_700_000_000_000,
      updateTime: 1_700_000_000_500,
    });
  });

  it("keeps 0 and empty strings as values, not as missing", () => {
    const order = toOrder({
      ...REQUIRED,
      avgPrice: 0,
      rejectReason: "",
      clientOrderId: "",
    });
    expect(order.avgPrice).toBe(0);
    expect(order.rejectReason).toBe("");
    expect(order.clientOrderId).toBe("");
    expect(order.filledQty).toBe(0);
  });

  it.each(Object.values(OrderStatus))("passes status %d through", (status) => {
    expect(toOrder({ ...REQUIRED, status }).status).toBe(status);
  });

  it.each(Object.values(OrderType))("passes type %d through", (type) => {
    expect(toOrder({ ...REQUIRED, type }).type).toBe(type);
  });

  it.each(Object.values(Side))("passes side %d through", (side) => {
    expect(toOrder({ ...REQUIRED, side }).side).toBe(side);
  });

  it.each(Object.values(ParentType))(
    "passes parent type %d through",
    (parentType) => {
      expect(toOrder({ ...REQUIRED, parentType }).parentType).toBe(parentType);
    },
  );
});
