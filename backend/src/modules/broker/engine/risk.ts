import { Side, type Order, type QuoteData } from "@tradewire/client";
import type {
  InstrumentRules,
  MarketData,
} from "../../../contracts/market-data";
import { BrokerRejection } from "../domain/rejection";
import type { AccountBook } from "./account-book";

/** A broker decision against a well-formed order; recorded with the order when it refuses. */
export function brokerRefusal(
  market: MarketData,
  book: AccountBook,
  order: Order,
  instrument: InstrumentRules,
  quote: QuoteData,
  now: number,
): BrokerRejection | null {
  if (!market.isTrading(order.symbol, now)) {
    return new BrokerRejection(
      "MARKET_CLOSED",
      `${order.symbol} is not trading now`,
      "symbol",
      true,
    );
  }
  const price =
    order.limitPrice ??
    order.stopPrice ??
    (order.side === Side.Buy ? quote.v.ask : quote.v.bid);
  const required = book.orderMargin(
    order.symbol,
    order.side,
    order.qty,
    price,
    instrument,
  );
  const lookup = (s: string) => market.instrument(s);
  const available =
    book.equity(lookup, now).equity -
    book.exposure(lookup).used -
    book.reservedMargin(lookup);
  if (required > available) {
    return new BrokerRejection(
      "INSUFFICIENT_BUYING_POWER",
      `the order needs ${required.toFixed(2)} ${book.currency} of margin; ${Math.max(0, available).toFixed(2)} is available`,
      "qty",
      true,
    );
  }
  return null;
}
