import type { MarketData } from "../../../contracts/market-data";
import type { BookOrder } from "../store/rows";
import type { AccountBook } from "./account-book";

/** DAY orders whose trading day is over (their brackets go with them when they are cancelled). */
export function expiredDayOrders(
  book: AccountBook,
  market: MarketData,
  now: number,
): BookOrder[] {
  return book.openOrders().filter(({ order }) => {
    if (order.duration.type !== "DAY" || order.parentId !== undefined)
      return false;
    return (
      !market.isTrading(order.symbol, now) ||
      market.tradingDay(order.symbol, now) !==
        market.tradingDay(order.symbol, order.createTime)
    );
  });
}
