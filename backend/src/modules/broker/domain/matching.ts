import { OrderType, Side, type Order, type QuoteData } from "@tradewire/client";

/**
 * The price a working order fills at against a quote, or null if it does not fill. Market orders
 * take the ask (buy) or bid (sell); limits fill when the opposite side reaches the limit, at the
 * better of the two; stops trigger on the last price and then act as market or limit orders.
 */
export function fillPrice(
  order: Pick<Order, "type" | "side" | "limitPrice" | "stopPrice">,
  quote: QuoteData,
  stopTriggered: boolean,
): number | null {
  const { ask, bid } = quote.v;
  const asLimit = (limit: number): number | null =>
    order.side === Side.Buy
      ? ask <= limit
        ? Math.min(ask, limit)
        : null
      : bid >= limit
        ? Math.max(bid, limit)
        : null;
  switch (order.type) {
    case OrderType.Market:
      return order.side === Side.Buy ? ask : bid;
    case OrderType.Limit:
      return asLimit(order.limitPrice as number);
    case OrderType.Stop:
      return stopTriggered || stopHit(order, quote)
        ? order.side === Side.Buy
          ? ask
          : bid
        : null;
    case OrderType.StopLimit:
      return stopTriggered || stopHit(order, quote)
        ? asLimit(order.limitPrice as number)
        : null;
  }
}

/** A buy stop triggers when the last price reaches it from below, a sell stop from above. */
export function stopHit(
  order: Pick<Order, "side" | "stopPrice">,
  quote: QuoteData,
): boolean {
  const stop = order.stopPrice as number;
  return order.side === Side.Buy ? quote.v.lp >= stop : quote.v.lp <= stop;
}
