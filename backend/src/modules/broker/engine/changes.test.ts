import { OrderStatus, OrderType, ParentType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { BrokerRejection } from "../domain/rejection";
import { AAPL, accountBook, bookOrder, position, USDJPY } from "../fixtures";
import type { BookOrder } from "../store/rows";
import { cancelChange, fillChange, refusalChange } from "./changes";
import { brackets } from "./order-factory";

const NOW = 1_700_000_000_000;

function statuses(orders: readonly BookOrder[]) {
  return orders.map((o) => [
    o.order.id,
    o.order.status,
    o.order.rejectReason ?? null,
  ]);
}

/** A filled buy of AAPL with its take-profit at 110 and stop-loss at 90 now working. */
function bracketed() {
  const parent = bookOrder({
    symbol: "AAPL",
    side: Side.Buy,
    qty: 10,
    status: OrderStatus.Filled,
    takeProfit: 110,
    stopLoss: 90,
  });
  const [tp, sl] = brackets(parent, 0).map((c) => ({
    ...c,
    order: { ...c.order, status: OrderStatus.Working },
  }));
  return { parent, tp: tp as BookOrder, sl: sl as BookOrder };
}

describe("cancelChange", () => {
  it("cancels the targets and the brackets still waiting on them", () => {
    const parent = bookOrder({
      symbol: "AAPL",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 10,
      limitPrice: 100,
      takeProfit: 110,
    });
    const [child] = brackets(parent, 0);
    const other = bookOrder({ symbol: "AAPL", side: Side.Buy, qty: 1 });
    const book = accountBook(1000, {
      orders: [parent, child as BookOrder, other],
    });
    const change = cancelChange(book, [parent], NOW, "user");
    expect(statuses(change.orders)).toEqual([
      [parent.order.id, OrderStatus.Canceled, "user"],
      [child?.order.id, OrderStatus.Canceled, "its parent order was cancelled"],
    ]);
    expect(change.orders[0]?.order.updateTime).toBe(NOW);
    expect(change).toMatchObject({
      executions: [],
      positions: [],
      account: null,
    });
  });
});

describe("refusalChange", () => {
  it("rejects the order with the code and reason and cancels its brackets", () => {
    const parent = bookOrder({
      symbol: "AAPL",
      type: OrderType.Stop,
      side: Side.Buy,
      qty: 10,
      stopPrice: 120,
      stopLoss: 100,
    });
    const [child] = brackets(parent, 0);
    const book = accountBook(1000, { orders: [parent, child as BookOrder] });
    const change = refusalChange(
      book,
      parent,
      new BrokerRejection("INSUFFICIENT_BUYING_POWER", "too dear", "qty", true),
      NOW,
    );
    expect(statuses(change.orders)).toEqual([
      [parent.order.id, OrderStatus.Rejected, "too dear"],
      [child?.order.id, OrderStatus.Canceled, "its parent order was rejected"],
    ]);
    expect(change.orders[0]?.rejectCode).toBe("INSUFFICIENT_BUYING_POWER");
  });
});

describe("fillChange", () => {
  it("fills the order, records an execution with commission, and books position and balance", () => {
    const book = accountBook(10_000);
    book.executionSeq = 41;
    const order = bookOrder({ symbol: "AAPL", side: Side.Buy, qty: 10 });
    const change = fillChange(book, order, 100, AAPL, NOW);
    expect(change.orders.map((o) => o.order)).toEqual([
      {
        ...order.order,
        status: OrderStatus.Filled,
        filledQty: 10,
        avgPrice: 100,
        updateTime: NOW,
      },
    ]);
    expect(change.executions).toEqual([
      {
        id: expect.stringMatching(/^exe_/) as unknown,
        sequence: 42,
        orderId: order.order.id,
        symbol: "AAPL",
        side: Side.Buy,
        qty: 10,
        price: 100,
        commission: 1,
        time: NOW,
      },
    ]);
    expect(change.positions).toEqual([
      {
        symbol: "AAPL",
        netQty: 10,
        avgPrice: 100,
        realizedPl: 0,
        updateTime: NOW,
      },
    ]);
    expect(change.account).toEqual({
      balance: 9999,
      realizedPl: 0,
      executionSeq: 42,
    });
  });

  it("fills only what is left of a partly filled order", () => {
    const order = bookOrder({
      symbol: "AAPL",
      side: Side.Sell,
      qty: 10,
      filledQty: 4,
    });
    const change = fillChange(accountBook(0), order, 50, AAPL, NOW);
    expect(change.executions[0]?.qty).toBe(6);
    expect(change.positions[0]?.netQty).toBe(-6);
  });

  it("realizes P&L in the account currency", () => {
    const book = accountBook(10_000, {
      positions: [position("USDJPY", 100_000, 150, 5)],
    });
    const order = bookOrder({
      symbol: "USDJPY",
      side: Side.Sell,
      qty: 100_000,
    });
    const change = fillChange(book, order, 152, USDJPY, NOW);
    // 2 yen x 100,000 = 200,000 JPY = 1315.79 USD at 152; commission 0.2 bp of 100,000 USD.
    expect(change.positions[0]).toMatchObject({
      netQty: 0,
      realizedPl: 1320.79,
    });
    expect(change.executions[0]?.commission).toBe(2);
    expect(change.account).toMatchObject({
      balance: 11_313.79,
      realizedPl: 1315.79,
    });
  });

  it("activates the brackets of a filled parent", () => {
    const parent = bookOrder({
      symbol: "AAPL",
      side: Side.Buy,
      qty: 10,
      takeProfit: 110,
      stopLoss: 90,
    });
    const children = brackets(parent, 0);
    const change = fillChange(
      accountBook(10_000),
      parent,
      100,
      AAPL,
      NOW,
      children,
    );
    expect(statuses(change.orders)).toEqual([
      [children[0]?.order.id, OrderStatus.Working, null],
      [children[1]?.order.id, OrderStatus.Working, null],
      [parent.order.id, OrderStatus.Filled, null],
    ]);
  });

  it("cancels the other bracket when one fills (OCO)", () => {
    const { tp, sl } = bracketed();
    const book = accountBook(10_000, {
      orders: [tp, sl],
      positions: [position("AAPL", 10, 100)],
    });
    const change = fillChange(book, tp, 110, AAPL, NOW);
    expect(statuses(change.orders)).toEqual([
      [tp.order.id, OrderStatus.Filled, null],
      [sl.order.id, OrderStatus.Canceled, "the other bracket filled (OCO)"],
    ]);
    expect(change.account).toMatchObject({ balance: 10_099, realizedPl: 100 });
  });

  it("cancels the brackets of a position that a fill closes", () => {
    const { tp, sl } = bracketed();
    const unrelated = bookOrder({
      symbol: "ESZ6",
      side: Side.Buy,
      qty: 1,
      parentId: "ord_x",
      parentType: ParentType.Order,
    });
    const book = accountBook(10_000, {
      orders: [tp, sl, unrelated],
      positions: [position("AAPL", 10, 100)],
    });
    const close = bookOrder({ symbol: "AAPL", side: Side.Sell, qty: 10 });
    const change = fillChange(book, close, 105, AAPL, NOW);
    expect(statuses(change.orders)).toEqual([
      [close.order.id, OrderStatus.Filled, null],
      [
        tp.order.id,
        OrderStatus.Canceled,
        "the position it protected is closed",
      ],
      [
        sl.order.id,
        OrderStatus.Canceled,
        "the position it protected is closed",
      ],
    ]);
  });

  it("refuses to book a fill of nothing or at no price", () => {
    const done = bookOrder({
      symbol: "AAPL",
      side: Side.Buy,
      qty: 5,
      filledQty: 5,
    });
    expect(() => fillChange(accountBook(0), done, 100, AAPL, NOW)).toThrow(
      /refusing a fill of 0 at 100/,
    );
    const open = bookOrder({ symbol: "AAPL", side: Side.Buy, qty: 5 });
    expect(() => fillChange(accountBook(0), open, 0, AAPL, NOW)).toThrow(
      /refusing a fill of 5 at 0/,
    );
  });
});
