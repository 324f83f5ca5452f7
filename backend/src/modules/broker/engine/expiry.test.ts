import { DAY_MS, OrderStatus, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import type { MarketData } from "../../../contracts/market-data";
import { accountBook, bookOrder } from "../fixtures";
import { expiredDayOrders } from "./expiry";

/** Trades 09:00-17:00 UTC; a trading day is the UTC date. */
const market: Pick<MarketData, "isTrading" | "tradingDay"> = {
  isTrading: (_symbol, t) => {
    const hour = (t % DAY_MS) / 3_600_000;
    return hour >= 9 && hour < 17;
  },
  tradingDay: (_symbol, t) => t - (t % DAY_MS),
};

describe("expiredDayOrders", () => {
  it("expires DAY orders once their session closes or their day is over, never GTC orders or brackets", () => {
    const placed = 10 * DAY_MS + 10 * 3_600_000;
    const day = bookOrder({
      symbol: "AAPL",
      side: Side.Buy,
      qty: 1,
      createTime: placed,
    });
    const gtc = bookOrder({
      symbol: "AAPL",
      side: Side.Buy,
      qty: 1,
      createTime: placed,
      duration: { type: "GTC" },
    });
    const bracket = bookOrder({
      symbol: "AAPL",
      side: Side.Sell,
      qty: 1,
      createTime: placed,
      parentId: day.order.id,
      status: OrderStatus.Inactive,
    });
    const book = accountBook(0, { orders: [day, gtc, bracket] });
    const check = (now: number) =>
      expiredDayOrders(book, market as MarketData, now).map((o) => o.order.id);
    expect(check(placed + 3_600_000)).toEqual([]);
    expect(check(10 * DAY_MS + 17 * 3_600_000)).toEqual([day.order.id]);
    expect(check(11 * DAY_MS + 10 * 3_600_000)).toEqual([day.order.id]);
  });
});
