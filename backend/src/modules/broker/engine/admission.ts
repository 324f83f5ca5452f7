import { OrderStatus } from "@tradewire/client";
import { roundQty } from "../domain/money";
import { BrokerRejection } from "../domain/rejection";
import type { BookChange } from "../store/broker-store";
import type { BookOrder } from "../store/rows";
import type { AccountBook } from "./account-book";
import { assess, type InstrumentLookup, type RiskState } from "./margin";

/**
 * The one gate for exposure. Every change that can add exposure passes here before it is
 * committed: a placement (working, or filled at once), a modification, a stop's trigger, the fill
 * of a working order (with the brackets it activates) and a position close. It values the account
 * before and after the change at the prices of this moment and admits the change when
 * - buying power after it is still >= 0, or
 * - it fills nothing and adds no margin (a smaller or further order, a stop-limit turning limit), or
 * - it is a fill that only reduces positions and activates no order (a close, a take-profit, a
 *   stop-loss): reducing risk is always possible, even for an account under water.
 * Returns the refusal, or null when admitted.
 */
export function admit(
  book: AccountBook,
  change: BookChange,
  lookup: InstrumentLookup,
): BrokerRejection | null {
  const before = book.risk(lookup);
  const after = assess(project(book, change), lookup);
  if (!Number.isFinite(after.buyingPower))
    return refuse("the account cannot be valued at the current prices");
  if (after.buyingPower >= 0) return null;
  if (change.executions.length === 0) {
    if (after.requirement <= before.requirement) return null;
  } else if (onlyReduces(book, change)) return null;
  const needs = Math.max(0, before.buyingPower - after.buyingPower);
  return refuse(
    `the order needs ${needs.toFixed(2)} ${book.currency} of margin; ${Math.max(0, before.buyingPower).toFixed(2)} is available`,
  );
}

/** The account as it would be with `change` committed; the book itself is left alone. */
export function project(book: AccountBook, change: BookChange): RiskState {
  const changed = new Map(change.orders.map((o) => [o.order.id, o]));
  const orders: BookOrder[] = [];
  for (const o of book.orders.values())
    if (o.order.status === OrderStatus.Working && !changed.has(o.order.id))
      orders.push(o);
  orders.push(...changed.values());
  const positions = new Map(book.positions);
  for (const p of change.positions) positions.set(p.symbol, p);
  return {
    currency: book.currency,
    balance: change.account?.balance ?? book.balance,
    positions,
    orders,
    marks: book.marks,
  };
}

/** Every position it touches shrinks toward zero without crossing it, and no order starts working. */
function onlyReduces(book: AccountBook, change: BookChange): boolean {
  if (change.orders.some((o) => o.order.status === OrderStatus.Working))
    return false;
  return change.positions.every((p) => {
    const before = book.position(p.symbol).netQty;
    return (
      p.netQty === 0 ||
      (Math.sign(p.netQty) === Math.sign(before) &&
        roundQty(Math.abs(p.netQty)) <= roundQty(Math.abs(before)))
    );
  });
}

function refuse(message: string): BrokerRejection {
  return new BrokerRejection("INSUFFICIENT_BUYING_POWER", message, "qty", true);
}
