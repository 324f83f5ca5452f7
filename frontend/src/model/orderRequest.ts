import {
  OrderType,
  type OrderDurationType,
  type Side,
} from "@tradewire/client";
import type {
  ModifyOrderRequest_Api_Backend,
  PlaceOrderRequest_Api_Backend,
} from "../clients/api-types-generated";
import { optional } from "./optional";

/** What the order ticket submits. Prices that the order type does not use are ignored. */
export interface OrderTicket {
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly qty: number;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
  readonly takeProfit?: number;
  readonly stopLoss?: number;
  readonly duration?: OrderDurationType;
  /** Makes a retried submit idempotent: the broker answers the first result again. */
  readonly clientOrderId?: string;
}

/** Changes to a working order; absent fields stay as they are. */
export interface OrderChanges {
  readonly qty?: number;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
  readonly takeProfit?: number;
  readonly stopLoss?: number;
}

export function usesLimitPrice(type: OrderType): boolean {
  return type === OrderType.Limit || type === OrderType.StopLimit;
}

export function usesStopPrice(type: OrderType): boolean {
  return type === OrderType.Stop || type === OrderType.StopLimit;
}

export function toPlaceOrderRequest(
  ticket: OrderTicket,
): PlaceOrderRequest_Api_Backend {
  return {
    symbol: ticket.symbol,
    type: ticket.type,
    side: ticket.side,
    qty: ticket.qty,
    // The server refuses prices an order type does not take, so stale form values never leave.
    ...optional(
      "limitPrice",
      usesLimitPrice(ticket.type) ? ticket.limitPrice : undefined,
    ),
    ...optional(
      "stopPrice",
      usesStopPrice(ticket.type) ? ticket.stopPrice : undefined,
    ),
    ...optional("takeProfit", ticket.takeProfit),
    ...optional("stopLoss", ticket.stopLoss),
    ...(ticket.duration === undefined
      ? {}
      : { duration: { type: ticket.duration } }),
    ...optional("clientOrderId", ticket.clientOrderId),
  };
}

export function toModifyOrderRequest(
  changes: OrderChanges,
): ModifyOrderRequest_Api_Backend {
  return {
    ...optional("qty", changes.qty),
    ...optional("limitPrice", changes.limitPrice),
    ...optional("stopPrice", changes.stopPrice),
    ...optional("takeProfit", changes.takeProfit),
    ...optional("stopLoss", changes.stopLoss),
  };
}
