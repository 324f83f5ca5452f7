import { OrderStatus, type Order } from "@tradewire/client";
import { expect } from "vitest";
import { BrokerRejection } from "../../../src/modules/broker/domain/rejection";
import type { AccountRisk } from "../../../src/modules/broker/engine/margin";
import type { PlaceOrderRequest } from "./requests";
import type { TestAccount, World } from "./world";

/** What the test expects of the broker beyond the invariants: the clientOrderIds it has used. */
export interface Model {
  /** account + clientOrderId -> the request first stored under it and its answer. */
  readonly clientIds: Map<
    string,
    { request: string; status: number; orderId: string }
  >;
  /** The last request placed with a clientOrderId, per account, to send again. */
  readonly lastWithId: Map<string, PlaceOrderRequest>;
  readonly counts: Map<string, number>;
}

export function emptyModel(): Model {
  return { clientIds: new Map(), lastWithId: new Map(), counts: new Map() };
}

export const EPSILON = 1e-6;

export function count(model: Model, what: string): void {
  model.counts.set(what, (model.counts.get(what) ?? 0) + 1);
}

export async function attempt<T>(
  run: () => Promise<T>,
): Promise<T | BrokerRejection> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof BrokerRejection) return err;
    throw err;
  }
}

/** Rows that must not change when the broker refuses something outright. */
export async function footprint(
  world: World,
  accountId: string,
): Promise<unknown> {
  const { db } = world.database;
  return {
    orders: await db
      .selectFrom("orders")
      .selectAll()
      .where("account_id", "=", accountId)
      .orderBy("id")
      .execute(),
    state: await db
      .selectFrom("account_state")
      .selectAll()
      .where("account_id", "=", accountId)
      .execute(),
  };
}

/**
 * An accepted action adds exposure only while buying power stays >= 0 at this moment's prices; it
 * may leave it below zero only if it added no margin and took no buying power (the account was
 * under water already and the action reduced or left its risk).
 */
export function expectAdmitted(
  before: AccountRisk,
  after: AccountRisk,
  what: string,
) {
  if (after.buyingPower >= -EPSILON) return;
  expect(
    after.requirement,
    `${what}: margin grew under water`,
  ).toBeLessThanOrEqual(before.requirement + EPSILON);
  expect(
    after.buyingPower,
    `${what}: buying power fell under water`,
  ).toBeGreaterThanOrEqual(before.buyingPower - EPSILON);
}

export function riskNow(world: World, account: TestAccount, symbols: string[]) {
  const book = world.book(account.id);
  // The prices of this moment: what the engine reads before it decides.
  for (const s of symbols) book.marks.set(s, world.market.current(s));
  return book.risk((s) => world.market.instrument(s));
}

/** The account's open orders, oldest first: what modify and cancel pick from. */
export function openOrders(world: World, account: TestAccount): Order[] {
  return [...world.book(account.id).orders.values()]
    .map((o) => o.order)
    .filter(
      (o) =>
        o.status === OrderStatus.Working || o.status === OrderStatus.Inactive,
    )
    .sort((a, b) => a.createTime - b.createTime || a.id.localeCompare(b.id));
}
