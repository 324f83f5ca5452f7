import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { bookOrder, lookup, position, quote } from "../fixtures";
import type { StoredPosition } from "../store/broker-store";
import type { BookOrder } from "../store/rows";
import { assess, markOf, type RiskState } from "./margin";

// AAPL at 160 / 162: a spread of 2 a share, margin 50%, commission max($1, $0.005 a share).
const AAPL_QUOTE = quote("AAPL", 160, 162);

function state(
  balance: number,
  orders: readonly BookOrder[] = [],
  positions: readonly StoredPosition[] = [],
  marks = [AAPL_QUOTE],
): RiskState {
  return {
    currency: "USD",
    balance,
    positions: new Map(positions.map((p) => [p.symbol, p])),
    orders,
    marks: new Map(marks.map((m) => [m.n, m])),
  };
}

const limit = (side: Side, qty: number, limitPrice: number, extra = {}) =>
  bookOrder({
    symbol: "AAPL",
    type: OrderType.Limit,
    side,
    qty,
    limitPrice,
    ...extra,
  });

describe("assess", () => {
  it("an empty account's buying power is its balance", () => {
    expect(assess(state(10_000), lookup)).toEqual({
      unrealized: 0,
      equity: 10_000,
      positionMargin: 0,
      orderMargin: 0,
      requirement: 0,
      buyingPower: 10_000,
    });
  });

  it("marks a long at the bid and a short at the ask", () => {
    expect(
      assess(state(10_000, [], [position("AAPL", 100, 150)]), lookup),
    ).toMatchObject({
      unrealized: 1000,
      equity: 11_000,
      positionMargin: 8000,
      buyingPower: 3000,
    });
    expect(
      assess(state(10_000, [], [position("AAPL", -100, 150)]), lookup),
    ).toMatchObject({
      unrealized: -1200,
      positionMargin: 8100,
      buyingPower: 700,
    });
  });

  it("applies the futures point value and margin rate", () => {
    const risk = assess(
      state(
        100_000,
        [],
        [position("ESZ6", 2, 6000)],
        [quote("ESZ6", 6010, 6010.25)],
      ),
      lookup,
    );
    expect(risk.unrealized).toBe(1000);
    expect(risk.positionMargin).toBe(30_050);
  });

  it("converts a USD/JPY position's yen into dollars at its own price", () => {
    const risk = assess(
      state(
        10_000,
        [],
        [position("USDJPY", 10_000, 150)],
        [quote("USDJPY", 151, 151.02)],
      ),
      lookup,
    );
    expect(risk.unrealized).toBeCloseTo(10_000 / 151, 9);
    expect(risk.positionMargin).toBeCloseTo(10_000 / 30, 9);
  });

  it("holds margin, the spread and the commission for an order that would open", () => {
    // buy 10 at 100: 500 margin + 20 spread + 1 commission.
    expect(
      assess(state(10_000, [limit(Side.Buy, 10, 100)]), lookup).orderMargin,
    ).toBe(521);
    // sell 10 at 170 is marked a spread higher, at 172: 860 + 20 + 1.
    expect(
      assess(state(10_000, [limit(Side.Sell, 10, 170)]), lookup).orderMargin,
    ).toBe(881);
    // a working market buy is priced at the ask: 810 + 20 + 1.
    expect(
      assess(
        state(10_000, [bookOrder({ symbol: "AAPL", side: Side.Buy, qty: 10 })]),
        lookup,
      ).orderMargin,
    ).toBe(831);
  });

  it("holds nothing for what an order would reduce, and margins the rest", () => {
    const long10 = [position("AAPL", 10, 150)];
    expect(
      assess(state(10_000, [limit(Side.Sell, 10, 170)], long10), lookup)
        .orderMargin,
    ).toBe(0);
    // 5 of 15 would open a short: 5 x 172 x 0.5 + 5 x 2 + 1.
    expect(
      assess(state(10_000, [limit(Side.Sell, 15, 170)], long10), lookup)
        .orderMargin,
    ).toBe(441);
  });

  it("aggregates a side per symbol: the cheapest orders reduce, the dearest carry the margin", () => {
    const long10 = [position("AAPL", 10, 150)];
    const orders = [limit(Side.Sell, 10, 180), limit(Side.Sell, 10, 170)];
    // the 170 order reduces the long; the 180 order opens: 10 x 182 x 0.5 + 20 + 1.
    expect(assess(state(10_000, orders, long10), lookup).orderMargin).toBe(931);
    // a buy on the same symbol reduces nothing of a long and is margined on its own.
    expect(
      assess(
        state(10_000, [...orders, limit(Side.Buy, 10, 100)], long10),
        lookup,
      ).orderMargin,
    ).toBe(931 + 521);
  });

  it("counts a bracket pair once, as the dearer of its two legs", () => {
    const pair = [
      limit(Side.Sell, 10, 170, { parentId: "ord_parent" }),
      bookOrder({
        symbol: "AAPL",
        type: OrderType.Stop,
        side: Side.Sell,
        qty: 10,
        stopPrice: 140,
        parentId: "ord_parent",
      }),
    ];
    // legs cost 881 (at 170) and 731 (at 140): only one can fill.
    expect(assess(state(10_000, pair), lookup).orderMargin).toBe(881);
    const unpaired = pair.map((o, i) => ({
      ...o,
      order: { ...o.order, parentId: `ord_parent_${i}` },
    }));
    expect(assess(state(10_000, unpaired), lookup).orderMargin).toBe(881 + 731);
  });

  it("counts only what is still working: no inactive brackets, no filled part", () => {
    const orders = [
      limit(Side.Buy, 10, 100, { status: OrderStatus.Inactive }),
      limit(Side.Buy, 10, 100, { status: OrderStatus.Filled, filledQty: 10 }),
      // 6 of 10 left: 300 margin + 12 spread + 1 commission.
      limit(Side.Buy, 10, 100, { filledQty: 4 }),
    ];
    expect(assess(state(10_000, orders), lookup).orderMargin).toBe(313);
  });

  it("marks a position without a quote at its average price and skips unknown symbols", () => {
    const risk = assess(
      state(1000, [], [position("AAPL", 10, 150), position("XYZ", 5, 10)], []),
      lookup,
    );
    expect(risk).toMatchObject({
      unrealized: 0,
      positionMargin: 750,
      buyingPower: 250,
    });
  });
});

describe("markOf", () => {
  it("is the bid for a long, the ask for a short, null without a quote", () => {
    expect(markOf(AAPL_QUOTE, 5)).toBe(160);
    expect(markOf(AAPL_QUOTE, -5)).toBe(162);
    expect(markOf(undefined, 5)).toBeNull();
  });
});
