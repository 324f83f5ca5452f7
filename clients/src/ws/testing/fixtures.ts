import {
  OrderType,
  Side,
  type Bar,
  type Execution,
  type Order,
  type OrderStatus,
} from "../../generated/models.js";

export const AAPL_1 = { symbol: "AAPL", resolution: "1" } as const;

export function bar(time: number, close: number): Bar {
  return {
    time,
    open: 189.1,
    high: 190.25,
    low: 188.9,
    close,
    volume: 12_400,
  };
}

export function order(id: string, status: OrderStatus, filledQty = 0): Order {
  return {
    id,
    symbol: "AAPL",
    type: OrderType.Limit,
    side: Side.Buy,
    qty: 10,
    status,
    limitPrice: 189.5,
    filledQty,
    duration: { type: "DAY" },
    createTime: 1_700_000_000_000,
    updateTime: 1_700_000_000_000,
  };
}

export function execution(sequence: number): Execution {
  return {
    id: `x${sequence}`,
    sequence,
    orderId: "o1",
    symbol: "AAPL",
    side: Side.Buy,
    qty: 5,
    price: 189.5,
    commission: 0.5,
    time: 1_700_000_000_000 + sequence,
  };
}
