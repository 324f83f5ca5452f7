import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../../clock";
import type { MarketData } from "../../../contracts/market-data";
import type { BookChange, BrokerStore } from "../store/broker-store";
import type { AccountBook } from "./account-book";
import type { BrokerEvent, BrokerEvents } from "./events";
import { orderTrace } from "./order-trace";

export interface CommitDeps {
  readonly store: BrokerStore;
  readonly events: BrokerEvents;
  readonly market: MarketData;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  /**
   * Inside a transaction still open (see BrokerStore.locked), what to do with the subscribers'
   * and other instances' news of a commit: hold it until the transaction is committed.
   */
  readonly defer?: (tell: () => void) => void;
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
 * take (inside an open transaction the news waits for its end, see `defer`). The write is a compare-and-set on the book's version: it throws StaleBook, and changes
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
  // The events are taken now: a later commit of the same command must not change what they say.
  const events = eventsOf(deps, book, stamped, requestId, true);
  const tell = () => {
    for (const event of events) deps.events.emit(book.accountId, event);
    publish?.(book.accountId, version, stamped, requestId);
  };
  if (deps.defer) deps.defer(tell);
  else tell();
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
  for (const event of eventsOf(deps, book, change, requestId, committed))
    deps.events.emit(book.accountId, event);
}

function eventsOf(
  deps: Omit<CommitDeps, "store">,
  book: AccountBook,
  change: BookChange,
  requestId: string | undefined,
  committed: boolean,
): BrokerEvent[] {
  const { market, clock, log } = deps;
  const accountId = book.accountId;
  const events: BrokerEvent[] = [];
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
    events.push({ kind: "order", order: o.order, trace });
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
    events.push({ kind: "execution", execution: e, trace });
  }
  for (const p of change.positions)
    events.push({
      kind: "position",
      position: book.positionView(p.symbol, market.instrument(p.symbol)),
    });
  if (change.account)
    events.push({
      kind: "equity",
      equity: book.equity((s) => market.instrument(s), clock.now()),
    });
  return events;
}
