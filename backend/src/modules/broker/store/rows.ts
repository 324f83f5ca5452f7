import type {
  ErrorCode,
  Execution,
  Order,
  OrderDurationType,
  OrderStatus,
  OrderType,
  ParentType,
  Side,
} from "@tradewire/client";
import type { ExecutionsTable, OrdersTable } from "../../../db/schema";

/** An order as the broker keeps it: the spec's Order plus what only the broker needs. */
export interface BookOrder {
  readonly order: Order;
  readonly accountId: string;
  /** A stop-limit whose stop has triggered rests as a limit order. */
  readonly stopTriggered: boolean;
  readonly rejectCode: ErrorCode | null;
  /** The placement request of an order placed with a clientOrderId, to tell a retry from a reuse. */
  readonly clientRequest: string | null;
  /**
   * The id of the REST request that placed it (its brackets inherit it), so a fill on a later
   * quote logs under that id. Kept in memory only (other instances get it with the change on the
   * bus): an order reloaded from the database, after a restart or a resync, has none.
   */
  readonly requestId?: string;
}

export function orderFromRow(row: OrdersTable): BookOrder {
  const order: Order = {
    id: row.id,
    symbol: row.symbol,
    type: row.type as OrderType,
    side: row.side as Side,
    qty: row.qty,
    status: row.status as OrderStatus,
    filledQty: row.filled_qty,
    duration: { type: row.duration as OrderDurationType },
    createTime: row.create_time,
    updateTime: row.update_time,
  };
  if (row.client_order_id !== null) order.clientOrderId = row.client_order_id;
  if (row.limit_price !== null) order.limitPrice = row.limit_price;
  if (row.stop_price !== null) order.stopPrice = row.stop_price;
  if (row.avg_price !== null) order.avgPrice = row.avg_price;
  if (row.parent_id !== null) order.parentId = row.parent_id;
  if (row.parent_type !== null)
    order.parentType = row.parent_type as ParentType;
  if (row.take_profit !== null) order.takeProfit = row.take_profit;
  if (row.stop_loss !== null) order.stopLoss = row.stop_loss;
  if (row.reject_reason !== null) order.rejectReason = row.reject_reason;
  return {
    order,
    accountId: row.account_id,
    stopTriggered: row.stop_triggered,
    rejectCode: row.reject_code as ErrorCode | null,
    clientRequest: row.client_request,
  };
}

export function orderToRow(o: BookOrder): OrdersTable {
  const { order } = o;
  return {
    id: order.id,
    account_id: o.accountId,
    client_order_id: order.clientOrderId ?? null,
    symbol: order.symbol,
    type: order.type,
    side: order.side,
    qty: order.qty,
    status: order.status,
    limit_price: order.limitPrice ?? null,
    stop_price: order.stopPrice ?? null,
    stop_triggered: o.stopTriggered,
    filled_qty: order.filledQty,
    avg_price: order.avgPrice ?? null,
    parent_id: order.parentId ?? null,
    parent_type: order.parentType ?? null,
    take_profit: order.takeProfit ?? null,
    stop_loss: order.stopLoss ?? null,
    duration: order.duration.type,
    reject_code: o.rejectCode,
    reject_reason: order.rejectReason ?? null,
    client_request: o.clientRequest,
    create_time: order.createTime,
    update_time: order.updateTime,
  };
}

export function executionFromRow(row: ExecutionsTable): Execution {
  return {
    id: row.id,
    sequence: row.sequence,
    orderId: row.order_id,
    symbol: row.symbol,
    side: row.side as Side,
    qty: row.qty,
    price: row.price,
    commission: row.commission,
    time: row.time,
  };
}

export function executionToRow(
  accountId: string,
  e: Execution,
): ExecutionsTable {
  return {
    id: e.id,
    account_id: accountId,
    sequence: e.sequence,
    order_id: e.orderId,
    symbol: e.symbol,
    side: e.side,
    qty: e.qty,
    price: e.price,
    commission: e.commission,
    time: e.time,
  };
}
