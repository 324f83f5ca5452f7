import type { Equity, Execution, Order, Position } from "@tradewire/client";
import type { OrderTrace } from "./order-trace";

/** Order and execution events carry their trace, for the log line of their publication. */
export type BrokerEvent =
  | {
      readonly kind: "order";
      readonly order: Order;
      readonly trace: OrderTrace;
    }
  | { readonly kind: "position"; readonly position: Position }
  | {
      readonly kind: "execution";
      readonly execution: Execution;
      readonly trace: OrderTrace;
    }
  | { readonly kind: "equity"; readonly equity: Equity };

export type BrokerListener = (event: BrokerEvent) => void;

/** Per-account fan-out of what changed, to the account's WebSocket topics. */
export class BrokerEvents {
  private readonly listeners = new Map<string, Set<BrokerListener>>();

  on(accountId: string, listener: BrokerListener): () => void {
    let set = this.listeners.get(accountId);
    if (!set) this.listeners.set(accountId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(accountId);
    };
  }

  has(accountId: string): boolean {
    return this.listeners.has(accountId);
  }

  emit(accountId: string, event: BrokerEvent): void {
    for (const listener of this.listeners.get(accountId) ?? []) listener(event);
  }
}
