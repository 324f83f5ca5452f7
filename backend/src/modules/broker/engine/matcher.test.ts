import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { accountBook, bookOrder, position, quote } from "../fixtures";
import { fakeCore } from "./core.fixture";
import { matchOrders } from "./matcher";

describe("matchOrders", () => {
  it("fills the working orders a quote reaches and leaves the others", async () => {
    const reached = bookOrder({
      symbol: "AAPL",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 10,
      limitPrice: 100,
    });
    const away = bookOrder({
      symbol: "AAPL",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 10,
      limitPrice: 98,
    });
    const book = accountBook(10_000, { orders: [reached, away] });
    const q = quote("AAPL", 99.5, 99.7);
    await matchOrders(fakeCore([q]), book, "AAPL", q);
    expect(book.orders.get(reached.order.id)?.order).toMatchObject({
      status: OrderStatus.Filled,
      avgPrice: 99.7,
    });
    expect(book.orders.get(away.order.id)?.order.status).toBe(
      OrderStatus.Working,
    );
    expect(book.position("AAPL").netQty).toBe(10);
  });

  it("marks a reached stop-limit as triggered without filling it", async () => {
    const stopLimit = bookOrder({
      symbol: "AAPL",
      type: OrderType.StopLimit,
      side: Side.Buy,
      qty: 1,
      stopPrice: 100,
      limitPrice: 100.05,
    });
    const book = accountBook(10_000, { orders: [stopLimit] });
    const q = quote("AAPL", 100.1, 100.2, 100.15);
    await matchOrders(fakeCore([q]), book, "AAPL", q);
    expect(book.orders.get(stopLimit.order.id)).toMatchObject({
      stopTriggered: true,
      order: { status: OrderStatus.Working },
    });
  });

  it("rejects a fill the account can no longer afford, and still fills one that reduces", async () => {
    const adding = bookOrder({
      symbol: "AAPL",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 10,
      limitPrice: 170,
    });
    const reducing = bookOrder({
      symbol: "AAPL",
      type: OrderType.Limit,
      side: Side.Sell,
      qty: 50,
      limitPrice: 150,
    });
    const book = accountBook(1000, {
      orders: [adding, reducing],
      positions: [position("AAPL", 100, 200)],
    });
    const q = quote("AAPL", 160, 162);
    await matchOrders(fakeCore([q]), book, "AAPL", q);
    expect(book.orders.get(adding.order.id)).toMatchObject({
      rejectCode: "INSUFFICIENT_BUYING_POWER",
      order: {
        status: OrderStatus.Rejected,
        rejectReason: expect.stringMatching(
          /^not filled at 162: the order needs/,
        ) as unknown,
      },
    });
    expect(book.orders.get(reducing.order.id)?.order.status).toBe(
      OrderStatus.Filled,
    );
    expect(book.position("AAPL").netQty).toBe(50);
  });

  it("matches nothing while the market is closed", async () => {
    const order = bookOrder({ symbol: "AAPL", side: Side.Buy, qty: 1 });
    const book = accountBook(10_000, { orders: [order] });
    const q = quote("AAPL", 99, 101);
    await matchOrders(fakeCore([q], { trading: false }), book, "AAPL", q);
    expect(book.orders.get(order.order.id)?.order.status).toBe(
      OrderStatus.Working,
    );
  });
});
