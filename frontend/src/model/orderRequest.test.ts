import { OrderType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { toModifyOrderRequest, toPlaceOrderRequest } from "./orderRequest";

describe("toPlaceOrderRequest", () => {
  const base = { symbol: "AAPL", side: Side.Buy, qty: 10 } as const;

  it("sends every field a stop-limit order takes", () => {
    expect(
      toPlaceOrderRequest({
        ...base,
        type: OrderType.StopLimit,
        limitPrice: 190,
        stopPrice: 189.5,
        takeProfit: 200,
        stopLoss: 180,
        duration: "GTC",
        clientOrderId: "c-1",
      }),
    ).toStrictEqual({
      symbol: "AAPL",
      type: OrderType.StopLimit,
      side: Side.Buy,
      qty: 10,
      limitPrice: 190,
      stopPrice: 189.5,
      takeProfit: 200,
      stopLoss: 180,
      duration: { type: "GTC" },
      clientOrderId: "c-1",
    });
  });

  it("drops prices the order type does not take", () => {
    expect(
      toPlaceOrderRequest({
        ...base,
        type: OrderType.Market,
        limitPrice: 1,
        stopPrice: 2,
      }),
    ).toStrictEqual({
      symbol: "AAPL",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 10,
    });
    expect(
      toPlaceOrderRequest({
        ...base,
        type: OrderType.Limit,
        limitPrice: 1,
        stopPrice: 2,
      }),
    ).not.toHaveProperty("stopPrice");
    expect(
      toPlaceOrderRequest({
        ...base,
        type: OrderType.Stop,
        limitPrice: 1,
        stopPrice: 2,
      }),
    ).not.toHaveProperty("limitPrice");
  });
});

describe("toModifyOrderRequest", () => {
  it("sends only the fields that change", () => {
    expect(toModifyOrderRequest({ limitPrice: 191 })).toStrictEqual({
      limitPrice: 191,
    });
    expect(
      toModifyOrderRequest({
        qty: 5,
        limitPrice: 1,
        stopPrice: 2,
        takeProfit: 3,
        stopLoss: 4,
      }),
    ).toStrictEqual({
      qty: 5,
      limitPrice: 1,
      stopPrice: 2,
      takeProfit: 3,
      stopLoss: 4,
    });
  });
});
