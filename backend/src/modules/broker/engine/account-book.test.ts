import { OrderStatus, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import {
  AAPL,
  accountBook,
  bookOrder,
  lookup,
  position,
  quote,
} from "../fixtures";
import { isOpen } from "./account-book";

describe("AccountBook", () => {
  it("tells open orders (working, inactive, placing) from finished ones", () => {
    const open = [
      OrderStatus.Working,
      OrderStatus.Inactive,
      OrderStatus.Placing,
    ];
    const done = [
      OrderStatus.Filled,
      OrderStatus.Canceled,
      OrderStatus.Rejected,
    ];
    for (const status of open)
      expect(
        isOpen(bookOrder({ symbol: "AAPL", side: Side.Buy, qty: 1, status })),
      ).toBe(true);
    for (const status of done)
      expect(
        isOpen(bookOrder({ symbol: "AAPL", side: Side.Buy, qty: 1, status })),
      ).toBe(false);
  });

  it("applies a committed change: orders, client ids, positions and balances", () => {
    const book = accountBook(1000);
    const order = bookOrder({
      symbol: "AAPL",
      side: Side.Buy,
      qty: 1,
      clientOrderId: "c-7",
    });
    book.apply({
      accountId: "acc_1",
      orders: [order],
      executions: [],
      positions: [position("AAPL", 1, 100)],
      account: { balance: 999, realizedPl: 3, executionSeq: 4 },
    });
    expect(book.orders.get(order.order.id)).toBe(order);
    expect(book.byClientId.get("c-7")).toBe(order.order.id);
    expect(book.position("AAPL").netQty).toBe(1);
    expect([book.balance, book.realizedPl, book.executionSeq]).toEqual([
      999, 3, 4,
    ]);
    book.apply({
      accountId: "acc_1",
      orders: [],
      executions: [],
      positions: [],
      account: null,
    });
    expect(book.balance).toBe(999);
  });

  it("lists open orders by symbol and watches symbols with open orders or positions", () => {
    const aapl = bookOrder({ symbol: "AAPL", side: Side.Buy, qty: 1 });
    const es = bookOrder({ symbol: "ESZ6", side: Side.Buy, qty: 1 });
    const filled = bookOrder({
      symbol: "BTCUSD",
      side: Side.Buy,
      qty: 1,
      status: OrderStatus.Filled,
    });
    const book = accountBook(0, {
      orders: [aapl, es, filled],
      positions: [position("USDJPY", 1000, 150), position("BTCUSD", 0, 0)],
    });
    expect(book.openOrders("AAPL")).toEqual([aapl]);
    expect(book.openOrders()).toEqual([aapl, es]);
    expect([...book.watchedSymbols()].sort()).toEqual([
      "AAPL",
      "ESZ6",
      "USDJPY",
    ]);
    expect(book.position("XYZ")).toEqual({
      symbol: "XYZ",
      netQty: 0,
      avgPrice: 0,
      realizedPl: 0,
      updateTime: 0,
    });
  });

  it("shows a position marked where a close would trade, in cents", () => {
    const book = accountBook(0, {
      positions: [
        position("AAPL", 10, 100, 12.345),
        position("ESZ6", -2, 6000),
      ],
      marks: [quote("AAPL", 105.5, 105.7), quote("ESZ6", 5990, 5990.25)],
    });
    expect(book.positionView("AAPL", AAPL)).toEqual({
      id: "AAPL",
      symbol: "AAPL",
      qty: 10,
      side: Side.Buy,
      avgPrice: 100,
      lastPrice: 105.5,
      unrealizedPl: 55,
      realizedPl: 12.35,
      updateTime: 0,
    });
    expect(book.positionView("ESZ6", lookup("ESZ6"))).toMatchObject({
      qty: 2,
      side: Side.Sell,
      lastPrice: 5990.25,
      unrealizedPl: 975,
    });
    const unquoted = accountBook(0, { positions: [position("AAPL", 10, 100)] });
    const view = unquoted.positionView("AAPL", AAPL);
    expect(view.unrealizedPl).toBe(0);
    expect("lastPrice" in view).toBe(false);
  });

  it("reports equity in cents with buying power never below zero", () => {
    const book = accountBook(1000.004, {
      positions: [position("AAPL", 100, 200)],
      marks: [quote("AAPL", 160, 162)],
    });
    expect(book.equity(lookup, 42)).toEqual({
      accountId: "acc_1",
      currency: "USD",
      balance: 1000,
      equity: -3000,
      unrealizedPl: -4000,
      realizedPl: 0,
      buyingPower: 0,
      time: 42,
    });
  });
});
