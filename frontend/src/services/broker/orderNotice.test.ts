import { OrderStatus, OrderType, ParentType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import type { Order } from "../../model/order";
import {
  FRESH_SLACK_MS,
  OrderNotices,
  orderNotice,
  sessionStart,
} from "./orderNotice";

const T = Date.UTC(2026, 10, 25, 15, 0, 0);

const order = (over: Partial<Order> = {}): Order => ({
  id: "ord_abc",
  symbol: "EURUSD",
  type: OrderType.Limit,
  side: Side.Buy,
  qty: 5,
  status: OrderStatus.Working,
  limitPrice: 1.0825,
  filledQty: 0,
  duration: "GTC",
  createTime: T,
  updateTime: T,
  ...over,
});

describe("orderNotice", () => {
  it("tells a whole fill with the symbol, quantity and average price at the symbol's precision", () => {
    const filled = order({
      status: OrderStatus.Filled,
      filledQty: 5,
      avgPrice: 1.0825,
    });
    expect(
      orderNotice({ status: OrderStatus.Working, filledQty: 0 }, filled, 5),
    ).toEqual({
      kind: "filled",
      title: "Order filled",
      body: "Bought 5 EURUSD @ 1.08250",
      tag: "order-ord_abc-fill-5",
    });
  });

  it("tells a partial fill with the part just filled and what is left", () => {
    const partial = order({ side: Side.Sell, filledQty: 3, avgPrice: 1.08 });
    const notice = orderNotice(
      { status: OrderStatus.Working, filledQty: 1 },
      partial,
      4,
    );
    expect(notice?.kind).toBe("partial");
    expect(notice?.title).toBe("Order partially filled");
    expect(notice?.body).toBe("Sold 2 EURUSD @ 1.0800 (3 of 5, 2 left)");
  });

  it("tells a rejection with the reason in words and formatted numbers", () => {
    const rejected = order({
      status: OrderStatus.Rejected,
      rejectReason: "the order needs 54125.5 USD of margin; 1000 is available",
    });
    const notice = orderNotice(undefined, rejected, 5);
    expect(notice?.title).toBe("Order rejected");
    expect(notice?.body).toBe(
      "Buy 5 EURUSD limit 1.08250: The order needs 54,125.50 USD of margin; 1,000 is available.",
    );
  });

  it("tells the broker's cancels and expiries, not the trader's own cancels or a bracket's", () => {
    const was = { status: OrderStatus.Working, filledQty: 0 };
    const expired = order({
      status: OrderStatus.Canceled,
      rejectReason: "DAY order expired at the end of its trading day",
    });
    expect(orderNotice(was, expired, 5)?.title).toBe("Order expired");
    const byBroker = order({
      status: OrderStatus.Canceled,
      rejectReason: "the position it protected is closed",
    });
    expect(orderNotice(was, byBroker, 5)?.title).toBe(
      "Order cancelled by the broker",
    );
    expect(
      orderNotice(was, order({ status: OrderStatus.Canceled }), 5),
    ).toBeNull();
    const sibling = order({
      status: OrderStatus.Canceled,
      parentId: "ord_parent",
      parentType: ParentType.Order,
      rejectReason: "the other bracket filled (OCO)",
    });
    expect(orderNotice(was, sibling, 5)).toBeNull();
  });

  it("names a bracket's fill as take profit or stop loss", () => {
    const tp = order({
      side: Side.Sell,
      parentId: "ord_parent",
      parentType: ParentType.Order,
      status: OrderStatus.Filled,
      filledQty: 5,
      avgPrice: 1.09,
    });
    expect(
      orderNotice({ status: OrderStatus.Working, filledQty: 0 }, tp, 5)?.title,
    ).toBe("Take profit filled");
  });
});

describe("OrderNotices", () => {
  it("says nothing for the snapshot of older orders, nor for the same states sent again", () => {
    const notices = new OrderNotices(T);
    const old = order({
      createTime: T - FRESH_SLACK_MS - 1,
      status: OrderStatus.Filled,
      filledQty: 5,
      avgPrice: 1,
    });
    const rejected = order({
      id: "ord_r",
      createTime: T - 60_000,
      status: OrderStatus.Rejected,
      rejectReason: "x",
    });
    expect(notices.next(old, 5)).toBeNull();
    expect(notices.next(rejected, 5)).toBeNull();
    // A reconnect sends the snapshot again.
    expect(notices.next(old, 5)).toBeNull();
    expect(notices.next(rejected, 5)).toBeNull();
  });

  it("tells an order placed after the start even when its first state is already filled", () => {
    const notices = new OrderNotices(T);
    const market = order({
      type: OrderType.Market,
      createTime: T + 1000,
      status: OrderStatus.Filled,
      filledQty: 5,
      avgPrice: 1.1,
    });
    expect(notices.next(market, 5)?.body).toBe("Bought 5 EURUSD @ 1.10000");
    expect(notices.next(market, 5)).toBeNull();
  });

  it("tells a known order's fill once, and ignores an older state arriving late", () => {
    const notices = new OrderNotices(T);
    const working = order({ createTime: T - 60_000 });
    expect(notices.next(working, 5)).toBeNull();
    const filled = order({
      createTime: T - 60_000,
      status: OrderStatus.Filled,
      filledQty: 5,
      avgPrice: 1.08,
    });
    expect(notices.next(filled, 5)?.kind).toBe("filled");
    expect(notices.next(working, 5)).toBeNull();
    expect(notices.next(filled, 5)).toBeNull();
  });
});

describe("OrderNotices before the session's start is known", () => {
  it("holds first states until begin, then tells only those newer than the start", () => {
    const notices = new OrderNotices();
    const old = order({
      id: "ord_old",
      createTime: T - 60_000,
      status: OrderStatus.Filled,
      filledQty: 5,
      avgPrice: 1,
    });
    const fresh = order({
      id: "ord_new",
      type: OrderType.Market,
      createTime: T - FRESH_SLACK_MS,
      status: OrderStatus.Filled,
      filledQty: 5,
      avgPrice: 1.1,
    });
    expect(notices.next(old, 5)).toBeNull();
    expect(notices.next(fresh, 5)).toBeNull();
    expect(notices.begin(T).map((n) => n.body)).toEqual([
      "Bought 5 EURUSD @ 1.10000",
    ]);
    expect(notices.begin(T)).toEqual([]);
  });

  it("tells a change of a waiting order at once, as the stream shows it", () => {
    const notices = new OrderNotices();
    const working = order({ createTime: T - 60_000 });
    expect(notices.next(working, 5)).toBeNull();
    const filled = { ...working, status: OrderStatus.Filled, filledQty: 5 };
    expect(notices.next({ ...filled, avgPrice: 1.08 }, 5)?.kind).toBe("filled");
    expect(notices.begin(T)).toEqual([]);
  });
});

describe("sessionStart", () => {
  it("is the server's time less the round trip, whatever the browser's clock says", async () => {
    for (const skew of [-600_000, 0, 600_000]) {
      let browser = T + skew;
      const start = await sessionStart(
        () => {
          browser += 300;
          return Promise.resolve(T + 1000);
        },
        () => browser,
      );
      expect(start).toBe(T + 700);
    }
  });

  it("is the browser's time when the server cannot say", async () => {
    const start = await sessionStart(
      () => Promise.reject(new Error("down")),
      () => T,
    );
    expect(start).toBe(T);
  });
});
