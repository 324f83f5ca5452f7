import { OrderStatus, OrderType, type QuoteData } from "@tradewire/client";
import { fillPrice, stopHit } from "../domain/matching";
import { BrokerRejection } from "../domain/rejection";
import type { BookChange } from "../store/broker-store";
import type { AccountBook } from "./account-book";
import { admit } from "./admission";
import { fillChange, ordersOnly, refusalChange } from "./changes";
import type { EngineCore } from "./core";

/**
 * Fill or trigger the account's working orders on `symbol` that the quote reaches, on a locked
 * account. Each fill (with the brackets it activates) and each stop-limit trigger goes through
 * the admission gate at this quote: an order whose fill would add exposure the account can no
 * longer afford (a stop that gapped, a limit reached after the account lost money) is Rejected
 * with INSUFFICIENT_BUYING_POWER instead of filled. Fills that only reduce always go through.
 */
export async function matchOrders(
  core: EngineCore,
  book: AccountBook,
  symbol: string,
  quote: QuoteData,
): Promise<void> {
  const instrument = core.market.instrument(symbol);
  if (!instrument || !core.market.isTrading(symbol, core.clock.now())) return;
  for (const candidate of book.openOrders(symbol)) {
    const current = book.orders.get(candidate.order.id);
    if (!current || current.order.status !== OrderStatus.Working) continue;
    const now = core.clock.now();
    const price = fillPrice(current.order, quote, current.stopTriggered);
    let change: BookChange | null = null;
    if (price !== null) {
      change = fillChange(book, current, price, instrument, now);
    } else if (
      current.order.type === OrderType.StopLimit &&
      !current.stopTriggered &&
      stopHit(current.order, quote)
    ) {
      change = ordersOnly(book, [
        {
          ...current,
          stopTriggered: true,
          order: { ...current.order, updateTime: now },
        },
      ]);
    }
    if (!change) continue;
    const refusal = admit(book, change, core.lookup);
    await core.commit(
      book,
      refusal
        ? refusalChange(
            book,
            current,
            new BrokerRejection(
              refusal.code,
              `not ${price === null ? "triggered" : `filled at ${price}`}: ${refusal.message}`,
              refusal.field,
              true,
            ),
            now,
          )
        : change,
    );
  }
}
