import { OrderType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { AAPL, quote } from "../fixtures";
import { checkOrder, entryPrice, type OrderPrices } from "./order-rules";
import type { BrokerRejection } from "./rejection";

const LIMITS = { maxOrderQty: 1_000_000, priceBand: 10 };
const q = quote("AAPL", 99.99, 100.01, 100);

function check(order: Partial<OrderPrices>) {
  return checkOrder(
    { type: OrderType.Market, side: Side.Buy, qty: 10, ...order },
    AAPL,
    q,
    LIMITS,
  );
}

function refusal(order: Partial<OrderPrices>) {
  try {
    check(order);
  } catch (err) {
    const { code, field, message, recorded } = err as BrokerRejection;
    return { code, field, message, recorded };
  }
  throw new Error("not refused");
}

describe("checkOrder", () => {
  it("returns the quantity and prices snapped to the lot and tick grid", () => {
    expect(
      check({
        type: OrderType.Limit,
        qty: 10,
        limitPrice: 99.499999999,
        takeProfit: 105,
        stopLoss: 0.1 + 0.2 + 95,
      }),
    ).toEqual({ qty: 10, limitPrice: 99.5, takeProfit: 105, stopLoss: 95.3 });
    expect(check({ qty: 3 })).toEqual({ qty: 3 });
  });

  it("asks each type for the prices it needs and refuses the others", () => {
    expect(refusal({ type: OrderType.Limit })).toMatchObject({
      code: "INVALID_ORDER",
      field: "limitPrice",
      message: "a limit price is required for this order type",
      recorded: false,
    });
    expect(refusal({ limitPrice: 99 })).toMatchObject({
      field: "limitPrice",
      message: "this order type takes no limit price",
    });
    expect(
      refusal({ type: OrderType.StopLimit, limitPrice: 102 }),
    ).toMatchObject({
      field: "stopPrice",
      message: "a stop price is required for this order type",
    });
    expect(
      refusal({ type: OrderType.Limit, limitPrice: 99, stopPrice: 101 }),
    ).toMatchObject({
      field: "stopPrice",
      message: "this order type takes no stop price",
    });
  });

  it("checks the numbers before what the type needs", () => {
    expect(refusal({ type: OrderType.Limit, qty: 0 })).toMatchObject({
      field: "qty",
      message: "qty must be greater than 0",
    });
    expect(refusal({ limitPrice: 99.999 })).toMatchObject({
      field: "limitPrice",
      message: "price must be a multiple of the tick size 0.01 for AAPL",
    });
  });

  it("keeps prices within the band around the last price", () => {
    expect(refusal({ type: OrderType.Limit, limitPrice: 9.99 })).toMatchObject({
      field: "limitPrice",
      message:
        "limitPrice must lie between 10 and 1000 (within 10x of the last price 100)",
    });
    expect(check({ type: OrderType.Limit, limitPrice: 10 })).toEqual({
      qty: 10,
      limitPrice: 10,
    });
  });

  it("puts a buy stop above the last price and a sell stop below it", () => {
    expect(refusal({ type: OrderType.Stop, stopPrice: 100 })).toMatchObject({
      field: "stopPrice",
      message: "a buy stop must be above the last price 100",
    });
    expect(
      refusal({ type: OrderType.Stop, side: Side.Sell, stopPrice: 100 }),
    ).toMatchObject({
      field: "stopPrice",
      message: "a sell stop must be below the last price 100",
    });
    expect(check({ type: OrderType.Stop, stopPrice: 100.01 })).toEqual({
      qty: 10,
      stopPrice: 100.01,
    });
  });

  it("judges brackets against the expected entry", () => {
    expect(refusal({ takeProfit: 100.01 })).toMatchObject({
      field: "takeProfit",
      message: "a buy's take-profit must be above its entry 100.01",
    });
    expect(
      refusal({ type: OrderType.Limit, limitPrice: 95, stopLoss: 95 }),
    ).toMatchObject({
      field: "stopLoss",
      message: "a buy's stop-loss must be below its entry 95",
    });
    expect(refusal({ side: Side.Sell, takeProfit: 99.99 })).toMatchObject({
      field: "takeProfit",
      message: "a sell's take-profit must be below its entry 99.99",
    });
    expect(
      refusal({
        side: Side.Sell,
        type: OrderType.Stop,
        stopPrice: 98,
        stopLoss: 97,
      }),
    ).toMatchObject({
      field: "stopLoss",
      message: "a sell's stop-loss must be above its entry 98",
    });
    expect(
      check({
        side: Side.Sell,
        type: OrderType.Limit,
        limitPrice: 105,
        takeProfit: 104,
        stopLoss: 106,
      }),
    ).toEqual({ qty: 10, limitPrice: 105, takeProfit: 104, stopLoss: 106 });
  });
});

describe("entryPrice", () => {
  it("is the limit, else the stop, else the side of the quote a market order takes", () => {
    const base = { side: Side.Buy, qty: 1 };
    expect(entryPrice({ ...base, type: OrderType.Market }, q)).toBe(100.01);
    expect(
      entryPrice({ ...base, side: Side.Sell, type: OrderType.Market }, q),
    ).toBe(99.99);
    expect(
      entryPrice({ ...base, type: OrderType.Limit, limitPrice: 98 }, q),
    ).toBe(98);
    expect(
      entryPrice({ ...base, type: OrderType.Stop, stopPrice: 102 }, q),
    ).toBe(102);
    expect(
      entryPrice(
        { ...base, type: OrderType.StopLimit, stopPrice: 102, limitPrice: 103 },
        q,
      ),
    ).toBe(103);
  });
});
