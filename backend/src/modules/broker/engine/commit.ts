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

/** Tells other instances about a committed change (see replication.ts); absent on a lone instance. */
export type PublishChange = (
  accountId: string,
  version: number,
  change: BookChange,
  requestId?: string,
) => void;

/**
 * Write a change in one transaction, then apply it to the book, then tell the account's
 * subscribers, then other instances: memory and sockets never see what the database did not
 * take. The write is a compare-and-set on the book's version: it throws StaleBook, and changes
 * nothing, when another instance committed to the account since the book was loaded.
 */
export async function commitChange(
  deps: CommitDeps,
  book: AccountBook,
  change: BookChange,
  requestId?: string,
  publish?: PublishChange,
): Promise<void> {
  const stamped: BookChange = {
    ...change,
    orders: change.orders.map((o) => ({ ...o, accountId: book.accountId })),
  };
  const version = await deps.store.commit(stamped, book.version);
  book.apply(stamped, version);
  announce(deps, book, stamped, requestId, true);
  publish?.(book.accountId, version, stamped, requestId);
}

/**
 * Send an applied change to the account's subscribers: each order, each execution, each touched
 * position, and the equity when the balance moved. Each execution is logged at info and each
 * order change at debug, under the request the change acts for (see order-trace.ts), by the
 * instance that committed it (`committed`); others, replaying it, log at debug.
 */
export function announce(
  deps: Omit<CommitDeps, "store">,
  book: AccountBook,
  change: BookChange,
  requestId: string | undefined,
  committed: boolean,
): void {
  const { events, market, clock, log } = deps;
  const accountId = book.accountId;
  for (const o of change.orders) {
    const trace = orderTrace(o.order.id, o.requestId, requestId);
    log.debug(
      {
        ...trace,
        accountId,
        status: o.order.status,
        filledQty: o.order.filledQty,
      },
      committed ? "order saved" : "order replicated",
    );
    events.emit(accountId, { kind: "order", order: o.order, trace });
  }
  for (const e of change.executions) {
    const placedBy = book.orders.get(e.orderId)?.requestId;
    const trace = orderTrace(e.orderId, placedBy, requestId);
    const fields = {
      ...trace,
      accountId,
      executionId: e.id,
      symbol: e.symbol,
      side: e.side,
      qty: e.qty,
      price: e.price,
    };
    if (committed) log.info(fields, "execution recorded");
    else log.debug(fields, "execution replicated");
    events.emit(accountId, { kind: "execution", execution: e, trace });
  }
  for (const p of change.positions)
    events.emit(accountId, {
      kind: "position",
      position: book.positionView(p.symbol, market.instrument(p.symbol)),
    });
  if (change.account)
    events.emit(accountId, {
      kind: "equity",
      equity: book.equity((s) => market.instrument(s), clock.now()),
    });
}
