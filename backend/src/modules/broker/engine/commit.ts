import type { Clock } from "../../../clock";
import type { MarketData } from "../../../contracts/market-data";
import type { BookChange, BrokerStore } from "../store/broker-store";
import type { AccountBook } from "./account-book";
import type { BrokerEvents } from "./events";

export interface CommitDeps {
  readonly store: BrokerStore;
  readonly events: BrokerEvents;
  readonly market: MarketData;
  readonly clock: Clock;
}

/**
 * Write a change in one transaction, then apply it to the book, then tell the account's
 * subscribers: memory and sockets never see what the database did not take.
 */
export async function commitChange(
  deps: CommitDeps,
  book: AccountBook,
  change: BookChange,
): Promise<void> {
  const stamped: BookChange = {
    ...change,
    orders: change.orders.map((o) => ({ ...o, accountId: book.accountId })),
  };
  await deps.store.commit(stamped);
  book.apply(stamped);
  const { events, market, clock } = deps;
  for (const o of stamped.orders)
    events.emit(book.accountId, { kind: "order", order: o.order });
  for (const e of stamped.executions)
    events.emit(book.accountId, { kind: "execution", execution: e });
  for (const p of stamped.positions)
    events.emit(book.accountId, {
      kind: "position",
      position: book.positionView(p.symbol, market.instrument(p.symbol)),
    });
  if (stamped.account)
    events.emit(book.accountId, {
      kind: "equity",
      equity: book.equity((s) => market.instrument(s), clock.now()),
    });
}
