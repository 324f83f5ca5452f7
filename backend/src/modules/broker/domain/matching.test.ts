import { OrderType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { quote } from "../fixtures";
import { fillPrice, stopHit } from "./matching";

const q = quote("AAPL", 99.9, 100.1, 100);

describe("fillPrice", () => {
  it("fills market orders at the ask (buy) and the bid (sell)", () => {
    expect(
      fillPrice({ type: OrderType.Market, side: Side.Buy }, q, false),
    ).toBe(100.1);
    expect(
      fillPrice({ type: OrderType.Market, side: Side.Sell }, q, false),
    ).toBe(99.9);
  });

  it("fills a limit when the opposite side reaches it, at the better price", () => {
    const buy = { type: OrderType.Limit, side: Side.Buy };
    expect(fillPrice({ ...buy, limitPrice: 100.5 }, q, false)).toBe(100.1);
    expect(fillPrice({ ...buy, limitPrice: 100.1 }, q, false)).toBe(100.1);
    expect(fillPrice({ ...buy, limitPrice: 100 }, q, false)).toBeNull();
    const sell = { type: OrderType.Limit, side: Side.Sell };
    expect(fillPrice({ ...sell, limitPrice: 99.5 }, q, false)).toBe(99.9);
    expect(fillPrice({ ...sell, limitPrice: 100 }, q, false)).toBeNull();
  });

  it("fills a stop at the market once the last price reaches it", () => {
    const buyStop = { type: OrderType.Stop, side: Side.Buy, stopPrice: 100 };
    expect(fillPrice(buyStop, q, false)).toBe(100.1);
    expect(fillPrice({ ...buyStop, stopPrice: 100.01 }, q, false)).toBeNull();
    expect(fillPrice({ ...buyStop, stopPrice: 100.01 }, q, true)).toBe(100.1);
    const sellStop = { type: OrderType.Stop, side: Side.Sell, stopPrice: 100 };
    expect(fillPrice(sellStop, q, false)).toBe(99.9);
    expect(fillPrice({ ...sellStop, stopPrice: 99.99 }, q, false)).toBeNull();
  });

  it("turns a triggered stop-limit into a limit", () => {
    const order = {
      type: OrderType.StopLimit,
      side: Side.Buy,
      stopPrice: 100,
      limitPrice: 100.2,
    };
    expect(fillPrice(order, q, false)).toBe(100.1);
    expect(fillPrice({ ...order, limitPrice: 100.05 }, q, false)).toBeNull();
    expect(
      fillPrice({ ...order, stopPrice: 101, limitPrice: 100.2 }, q, false),
    ).toBeNull();
    expect(
      fillPrice({ ...order, stopPrice: 101, limitPrice: 100.2 }, q, true),
    ).toBe(100.1);
  });
});

describe("stopHit", () => {
  it("triggers a buy stop from below and a sell stop from above, on the last price", () => {
    expect(stopHit({ side: Side.Buy, stopPrice: 100 }, q)).toBe(true);
    expect(stopHit({ side: Side.Buy, stopPrice: 100.01 }, q)).toBe(false);
    expect(stopHit({ side: Side.Sell, stopPrice: 100 }, q)).toBe(true);
    expect(stopHit({ side: Side.Sell, stopPrice: 99.99 }, q)).toBe(false);
  });
});
