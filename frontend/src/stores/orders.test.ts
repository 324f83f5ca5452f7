import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";
import type { Order } from "../model/order";
import { useOrdersStore } from "./orders";

const order = (id: string, status: OrderStatus, updateTime: number): Order => ({
  id,
  symbol: "AAPL",
  type: OrderType.Limit,
  side: Side.Buy,
  qty: 1,
  status,
  limitPrice: 100,
  filledQty: 0,
  duration: "DAY",
  createTime: 1,
  updateTime,
});

describe("orders store", () => {
  beforeEach(() => setActivePinia(createPinia()));

  it("splits open orders from finished ones, newest first", () => {
    const store = useOrdersStore();
    store.apply(order("O1", OrderStatus.Working, 10));
    store.apply(order("O2", OrderStatus.Filled, 20));
    store.apply(order("O3", OrderStatus.Inactive, 30));
    store.apply(order("O4", OrderStatus.Rejected, 5));
    store.apply(order("O5", OrderStatus.Placing, 40));
    store.apply(order("O6", OrderStatus.Canceled, 50));
    expect(store.working.map((o) => o.id)).toEqual(["O5", "O3", "O1"]);
    expect(store.history.map((o) => o.id)).toEqual(["O6", "O2", "O4"]);
  });

  it("moves an order from working to history when it fills", () => {
    const store = useOrdersStore();
    store.apply(order("O1", OrderStatus.Working, 10));
    store.apply(order("O1", OrderStatus.Filled, 11));
    expect(store.working).toEqual([]);
    expect(store.history.map((o) => o.status)).toEqual([OrderStatus.Filled]);
  });

  it("ignores a stale state arriving after a newer one (a slow REST answer)", () => {
    const store = useOrdersStore();
    store.apply(order("O1", OrderStatus.Filled, 20));
    store.apply(order("O1", OrderStatus.Working, 10));
    expect(store.byId.O1?.status).toBe(OrderStatus.Filled);
  });

  it("forgets everything on reset", () => {
    const store = useOrdersStore();
    store.apply(order("O1", OrderStatus.Working, 10));
    store.reset();
    expect(store.working).toEqual([]);
  });
});
