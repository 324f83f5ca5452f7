import type {
  OrderDurationType,
  OrderStatus,
  OrderType,
  ParentType,
  Side,
} from "@tradewire/client";
import type { Order_Api_Backend } from "../clients/api-types-generated";
import type { Order_Ws_Backend } from "../clients/ws-types-generated";
import { optional } from "./optional";

/** An order as the terminal shows it; times in UTC milliseconds. */
export interface Order {
  readonly id: string;
  readonly clientOrderId?: string;
  readonly symbol: string;
  readonly type: OrderType;
  readonly side: Side;
  readonly qty: number;
  readonly status: OrderStatus;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
  readonly avgPrice?: number;
  readonly filledQty: number;
  readonly parentId?: string;
  readonly parentType?: ParentType;
  readonly takeProfit?: number;
  readonly stopLoss?: number;
  readonly duration: OrderDurationType;
  readonly rejectReason?: string;
  readonly createTime: number;
  readonly updateTime: number;
}

export function toOrder(wire: Order_Ws_Backend | Order_Api_Backend): Order {
  return {
    id: wire.id,
    symbol: wire.symbol,
    type: wire.type,
    side: wire.side,
    qty: wire.qty,
    status: wire.status,
    filledQty: wire.filledQty,
    duration: wire.duration.type,
    createTime: wire.createTime,
    updateTime: wire.updateTime,
    ...optional("clientOrderId", wire.clientOrderId),
    ...optional("limitPrice", wire.limitPrice),
    ...optional("stopPrice", wire.stopPrice),
    ...optional("avgPrice", wire.avgPrice),
    ...optional("parentId", wire.parentId),
    ...optional("parentType", wire.parentType),
    ...optional("takeProfit", wire.takeProfit),
    ...optional("stopLoss", wire.stopLoss),
    ...optional("rejectReason", wire.rejectReason),
  };
}
