import { OrderStatus } from "@tradewire/client";
import { defineStore } from "pinia";
import { computed, ref } from "vue";
import type { Order } from "../model/order";

const OPEN: readonly OrderStatus[] = [
  OrderStatus.Working,
  OrderStatus.Placing,
  OrderStatus.Inactive,
];

export function isOpen(order: Order): boolean {
  return OPEN.includes(order.status);
}

const newestFirst = (a: Order, b: Order) =>
  b.updateTime - a.updateTime || b.createTime - a.createTime;

/** The account's orders by id, fed by the orders channel (and by REST answers, which may race it). */
export const useOrdersStore = defineStore("orders", () => {
  const byId = ref<Record<string, Order>>({});

  const working = computed(() =>
    Object.values(byId.value).filter(isOpen).sort(newestFirst),
  );
  const history = computed(() =>
    Object.values(byId.value)
      .filter((o) => !isOpen(o))
      .sort(newestFirst),
  );

  /** Keeps the newest state of each order: a late REST answer never undoes a socket update. */
  function apply(order: Order): void {
    const known = byId.value[order.id];
    if (known && known.updateTime > order.updateTime) return;
    byId.value[order.id] = order;
  }

  function reset(): void {
    byId.value = {};
  }

  return { byId, working, history, apply, reset };
});
