import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../../clock";
import type { MarketData } from "../../../contracts/market-data";
import type { BookChange, BrokerStore } from "../store/broker-store";
import type { AccountBook } from "./account-book";
import type { BrokerEvents } from "./events";
import { orderTrace } from "./order-trace";

export interface CommitDeps {
  readonly store: BrokerStore;
  readonly events: BrokerEvents;
  readonly market: MarketData;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
}

/**
 * Write a change in one transaction, then apply it to the book, then tell the account's
 * subscribers: memory and sockets never see what the database did not take. Each execution is
 * logged at info and each order change at debug, under the request the change acts for (see
 * order-trace.ts).
 */
export async function commitChange(
  deps: CommitDeps,
  book: AccountBook,
  change: BookChange,
  requestId?: string,
): Promise<void> {
  const stamped: BookChange = {
    ...change,
    orders: change.orders.map((o) => ({ ...o, accountId: book.accountId })),
  };
  await deps.store.commit(stamped);
  book.apply(stamped);
  const { events, market, clock, log } = deps;
  const accountId = book.accountId;
  for (const o of stamped.orders) {
    const trace = orderTrace(o.order.id, o.requestId, requestId);
    log.debug(
      {
        ...trace,
        accountId,
        status: o.order.status,
        filledQty: o.order.filledQty,
      },
      "order saved",
    );
    events.emit(accountId, { kind: "order", order: o.order, trace });
  }
  for (const e of stamped.executions) {
    const placedBy = book.orders.get(e.orderId)?.requestId;
    const trace = orderTrace(e.orderId, placedBy, requestId);
    log.info(
      {
        ...trace,
        accountId,
        executionId: e.id,
        symbol: e.symbol,
        side: e.side,
        qty: e.qty,
        price: e.price,
      },
      "execution recorded",
    );
    events.emit(accountId, { kind: "execution", execution: e, trace });
  }
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
