import { OrderStatus, OrderType, ParentType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { accountBook } from "../fixtures";
import type { BookOrder } from "../store/rows";
import { brackets, newOrder, resyncBrackets } from "./order-factory";

const NOW = 1_700_000_000_000;

describe("newOrder", () => {
  it("makes a working DAY order from the request, with no absent fields set", () => {
    const placed = newOrder(
      {
        symbol: "aapl",
        type: OrderType.Limit,
        side: Side.Buy,
        qty: 5,
        limitPrice: 99.5,
      },
      "AAPL",
      NOW,
    );
    expect(placed).toEqual({
      order: {
        id: expect.stringMatching(/^ord_[A-Za-z0-9_-]{12}$/) as unknown,
        symbol: "AAPL",
        type: OrderType.Limit,
        side: Side.Buy,
        qty: 5,
        status: OrderStatus.Working,
        filledQty: 0,
        duration: { type: "DAY" },
        createTime: NOW,
        updateTime: NOW,
        limitPrice: 99.5,
      },
      accountId: "",
      stopTriggered: false,
      rejectCode: null,
      clientRequest: null,
    });
    expect(Object.keys(placed.order)).not.toContain("stopPrice");
  });

  it("keeps the client's id, duration and request", () => {
    const placed = newOrder(
      {
        symbol: "AAPL",
        type: OrderType.Market,
        side: Side.Sell,
        qty: 1,
        clientOrderId: "c-1",
        duration: { type: "GTC" },
      },
      "AAPL",
      NOW,
      '{"qty":1}',
    );
    expect(placed.order).toMatchObject({
      clientOrderId: "c-1",
      duration: { type: "GTC" },
    });
    expect(placed.clientRequest).toBe('{"qty":1}');
    expect(
      newOrder(
        { symbol: "AAPL", type: OrderType.Market, side: Side.Sell, qty: 1 },
        "AAPL",
        NOW,
      ).order.id,
    ).not.toBe(placed.order.id);
  });
});

describe("brackets", () => {
  it("makes an inactive GTC take-profit limit and stop-loss stop on the other side", () => {
    const parent = newOrder(
      {
        symbol: "AAPL",
        type: OrderType.Market,
        side: Side.Buy,
        qty: 10,
        takeProfit: 110,
        stopLoss: 90,
      },
      "AAPL",
      NOW,
      "request",
    );
    const children = brackets(parent, NOW + 1);
    expect(children.map((c) => c.order)).toEqual([
      expect.objectContaining({
        type: OrderType.Limit,
        side: Side.Sell,
        qty: 10,
        limitPrice: 110,
        status: OrderStatus.Inactive,
        duration: { type: "GTC" },
        parentId: parent.order.id,
        parentType: ParentType.Order,
        createTime: NOW + 1,
      }),
      expect.objectContaining({
        type: OrderType.Stop,
        side: Side.Sell,
        stopPrice: 90,
      }),
    ]);
    expect(children.every((c) => c.clientRequest === null)).toBe(true);
    expect(children[0]?.order.id).not.toBe(children[1]?.order.id);
  });

  it("makes none for an order without take-profit or stop-loss", () => {
    const parent = newOrder(
      { symbol: "AAPL", type: OrderType.Market, side: Side.Sell, qty: 1 },
      "AAPL",
      NOW,
    );
    expect(brackets(parent, NOW)).toEqual([]);
  });
});

describe("resyncBrackets", () => {
  it("moves existing children to the parent's quantity and prices and adds missing ones", () => {
    const parent = newOrder(
      {
        symbol: "AAPL",
        type: OrderType.Limit,
        side: Side.Buy,
        qty: 10,
        limitPrice: 100,
        takeProfit: 110,
      },
      "AAPL",
      NOW,
    );
    const [tp] = brackets(parent, NOW) as [BookOrder];
    const book = accountBook(0, { orders: [parent, tp] });
    const modified: BookOrder = {
      ...parent,
      order: { ...parent.order, qty: 20, takeProfit: 115, stopLoss: 95 },
    };
    const out = resyncBrackets(book, modified, NOW + 5);
    expect(out).toHaveLength(2);
    expect(out[0]?.order).toEqual({
      ...tp.order,
      qty: 20,
      limitPrice: 115,
      updateTime: NOW + 5,
    });
    expect(out[1]?.order).toMatchObject({
      type: OrderType.Stop,
      side: Side.Sell,
      qty: 20,
      stopPrice: 95,
      status: OrderStatus.Inactive,
      parentId: parent.order.id,
    });
  });
});
