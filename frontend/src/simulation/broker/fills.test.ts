import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import type { Order_Ws_Backend } from "../../clients/ws-types-generated";
import { decideFill } from "./fills";

const order = (
  type: OrderType,
  side: Side,
  prices: Partial<Order_Ws_Backend>,
): Order_Ws_Backend => ({
  id: "O1",
  symbol: "AAPL",
  type,
  side,
  qty: 1,
  status: OrderStatus.Working,
  filledQty: 0,
  duration: { type: "DAY" },
  createTime: 0,
  updateTime: 0,
  ...prices,
});

describe("decideFill", () => {
  it.each([
    [
      "market buy fills at last",
      order(OrderType.Market, Side.Buy, {}),
      100,
      false,
      { trigger: false, price: 100 },
    ],
    [
      "buy limit above last fills",
      order(OrderType.Limit, Side.Buy, { limitPrice: 101 }),
      100,
      false,
      { trigger: false, price: 100 },
    ],
    [
      "buy limit below last waits",
      order(OrderType.Limit, Side.Buy, { limitPrice: 99 }),
      100,
      false,
      { trigger: false, price: undefined },
    ],
    [
      "sell limit below last fills",
      order(OrderType.Limit, Side.Sell, { limitPrice: 99 }),
      100,
      false,
      { trigger: false, price: 100 },
    ],
    [
      "buy stop below last fills",
      order(OrderType.Stop, Side.Buy, { stopPrice: 99 }),
      100,
      false,
      { trigger: false, price: 100 },
    ],
    [
      "sell stop below last waits",
      order(OrderType.Stop, Side.Sell, { stopPrice: 99 }),
      100,
      false,
      { trigger: false, price: undefined },
    ],
    [
      "stop-limit touched but limit not reached triggers only",
      order(OrderType.StopLimit, Side.Buy, { stopPrice: 99, limitPrice: 98 }),
      100,
      false,
      { trigger: true, price: undefined },
    ],
    [
      "triggered stop-limit fills once the limit is reached",
      order(OrderType.StopLimit, Side.Buy, { stopPrice: 99, limitPrice: 98 }),
      97.5,
      true,
      { trigger: false, price: 97.5 },
    ],
    [
      "untouched stop-limit waits",
      order(OrderType.StopLimit, Side.Sell, { stopPrice: 95, limitPrice: 94 }),
      100,
      false,
      { trigger: false, price: undefined },
    ],
  ] as const)("%s", (_name, o, last, triggered, expected) => {
    expect(decideFill(o, last, triggered)).toEqual(expected);
  });
});
