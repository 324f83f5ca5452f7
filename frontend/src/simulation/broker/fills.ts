import { OrderType, Side } from "@tradewire/client";
import type { Order_Ws_Backend } from "../../clients/ws-types-generated";

export interface FillDecision {
  /** The stop of a stop-limit order was touched: from now on it is a limit order. */
  readonly trigger: boolean;
  /** Fill now at this price, or undefined to keep working. */
  readonly price: number | undefined;
}

const KEEP: FillDecision = { trigger: false, price: undefined };

/** Whether a working order fills at market price `last`, given whether its stop already triggered. */
export function decideFill(
  order: Order_Ws_Backend,
  last: number,
  triggered: boolean,
): FillDecision {
  const buy = order.side === Side.Buy;
  const limitReached = (limit: number | undefined) =>
    limit !== undefined && (buy ? last <= limit : last >= limit);
  const stopReached = (stop: number | undefined) =>
    stop !== undefined && (buy ? last >= stop : last <= stop);
  switch (order.type) {
    case OrderType.Market:
      return { trigger: false, price: last };
    case OrderType.Limit:
      return limitReached(order.limitPrice)
        ? { trigger: false, price: last }
        : KEEP;
    case OrderType.Stop:
      return stopReached(order.stopPrice)
        ? { trigger: false, price: last }
        : KEEP;
    case OrderType.StopLimit: {
      const live = triggered || stopReached(order.stopPrice);
      if (!live) return KEEP;
      return {
        trigger: !triggered,
        price: limitReached(order.limitPrice) ? last : undefined,
      };
    }
  }
}
