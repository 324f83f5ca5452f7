import type { Execution } from "@tradewire/client";
import { isDeepStrictEqual } from "node:util";
import { BrokerRejection } from "../domain/rejection";
import type { BookChange, BrokerStore } from "../store/broker-store";
import type { BookOrder } from "../store/rows";
import type { AccountBook } from "./account-book";

/** Executions read per query while catching up (the executions channel's page size). */
const EXECUTION_PAGE = 500;

/**
 * Bring a book to what the database holds now, answering what changed as one change for its
 * subscribers: orders and positions that differ, every execution after the book's last sequence
 * (the one its subscribers last got, so none is lost or repeated), and the balance when it moved.
 * Run under the account's lock.
 */
export async function reloadBook(
  store: BrokerStore,
  book: AccountBook,
  recentSince: number,
): Promise<BookChange> {
  const accountId = book.accountId;
  const record = await store.account(accountId);
  if (!record)
    throw new BrokerRejection("NOT_FOUND", `no account ${accountId}`);
  // The request id lives in memory only (rows.ts): keep it on the orders the book already knew.
  const orders = (await store.liveOrders(accountId, recentSince)).map((o) => {
    const requestId = book.orders.get(o.order.id)?.requestId;
    return requestId === undefined ? o : { ...o, requestId };
  });
  const positions = await store.positions(accountId);
  const executions: Execution[] = [];
  for (;;) {
    const after = executions.at(-1)?.sequence ?? book.executionSeq;
    const page = await store.executionsSince(accountId, after, EXECUTION_PAGE);
    // Past the record's sequence are commits made since it was read: the next reload's.
    const known = page.filter((e) => e.sequence <= record.executionSeq);
    executions.push(...known);
    if (page.length < EXECUTION_PAGE || known.length < page.length) break;
  }
  const changedOrders = orders.filter(
    (o) => !sameOrder(book.orders.get(o.order.id), o),
  );
  const changedPositions = positions.filter(
    (p) => !isDeepStrictEqual(book.positions.get(p.symbol), p),
  );
  const moved =
    record.balance !== book.balance ||
    record.realizedPl !== book.realizedPl ||
    record.executionSeq !== book.executionSeq;
  book.reset(record, orders, positions);
  return {
    accountId,
    orders: changedOrders,
    executions,
    positions: changedPositions,
    account: moved
      ? {
          balance: record.balance,
          realizedPl: record.realizedPl,
          executionSeq: record.executionSeq,
        }
      : null,
  };
}

function sameOrder(held: BookOrder | undefined, stored: BookOrder): boolean {
  return held !== undefined && isDeepStrictEqual(held, stored);
}
