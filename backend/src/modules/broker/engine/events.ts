import { KeyedListeners } from "../../../events/keyed-listeners";
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
export class BrokerEvents extends KeyedListeners<BrokerEvent> {}
