import { OrderStatus, type Order } from "@tradewire/client";
import { expect } from "vitest";
import {
  executionFromRow,
  orderFromRow,
} from "../../../src/modules/broker/store/rows";
import { nonFinite, replay, reserveFloor, freeMargin } from "./oracle";
import type { TestAccount, World } from "./world";

/** What the checks read: a property run's World, or an instance of a cluster and its database. */
export type Checked = Pick<
  World,
  "problems" | "accounts" | "database" | "market" | "clock" | "book"
>;

const OPEN = new Set<number>([OrderStatus.Working, OrderStatus.Inactive]);

/**
 * What must hold after every step, for every account: nothing NaN or infinite (book and
 * database); the database equals the book; balance = start + realized - commissions; positions
 * equal the executions replayed; no order both filled and working; the working orders' margin at
 * least what they add past the positions; no problem seen by the fill listeners.
 */
export async function checkWorld(world: Checked): Promise<void> {
  expect(world.problems).toEqual([]);
  for (const account of world.accounts) await checkAccount(world, account);
}

async function checkAccount(
  world: Checked,
  account: TestAccount,
): Promise<void> {
  const { db } = world.database;
  const id = account.id;
  const book = world.book(id);
  const [state, positionRows, orderRows, executionRows] = await Promise.all([
    db
      .selectFrom("account_state")
      .selectAll()
      .where("account_id", "=", id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("positions")
      .selectAll()
      .where("account_id", "=", id)
      .execute(),
    db.selectFrom("orders").selectAll().where("account_id", "=", id).execute(),
    db
      .selectFrom("executions")
      .selectAll()
      .where("account_id", "=", id)
      .execute(),
  ]);
  const lookup = (s: string) => world.market.instrument(s);
  const risk = book.risk(lookup);
  const equity = book.equity(lookup, world.clock.now());

  expect(
    nonFinite({
      state,
      positionRows,
      orderRows,
      executionRows,
      balance: book.balance,
      realizedPl: book.realizedPl,
      positions: book.positions,
      orders: [...book.orders.values()].map((o) => o.order),
      risk,
      equity,
    }),
  ).toEqual([]);

  // The database is the book.
  expect({
    balance: state.balance,
    realizedPl: state.realized_pl,
    executionSeq: state.execution_seq,
  }).toEqual({
    balance: book.balance,
    realizedPl: book.realizedPl,
    executionSeq: book.executionSeq,
  });
  expect(
    positionRows
      .map((r) => [r.symbol, r.net_qty, r.avg_price, r.realized_pl])
      .sort(),
  ).toEqual(
    [...book.positions.values()]
      .map((p) => [p.symbol, p.netQty, p.avgPrice, p.realizedPl])
      .sort(),
  );
  const stored = new Map(orderRows.map((r) => [r.id, orderFromRow(r)]));
  // The placing request's id is kept in memory only (rows.ts).
  for (const [orderId, { requestId: _request, ...o }] of book.orders)
    expect(stored.get(orderId), `order ${orderId}`).toEqual(o);
  for (const o of stored.values())
    if (OPEN.has(o.order.status))
      expect(book.orders.has(o.order.id), `open order ${o.order.id}`).toBe(
        true,
      );

  // Money adds up, and positions are the sum of the executions.
  const executions = executionRows.map(executionFromRow);
  const replayed = replay(executions, world.market);
  expect(state.balance).toBeCloseTo(
    account.start + state.realized_pl - replayed.commissions,
    4,
  );
  expect(state.realized_pl).toBeCloseTo(replayed.realized, 4);
  for (const p of positionRows) {
    const r = replayed.positions.get(p.symbol);
    expect(p.net_qty, `net ${p.symbol}`).toBe(r?.netQty ?? 0);
    expect(p.realized_pl, `realized ${p.symbol}`).toBeCloseTo(
      r?.realizedPl ?? 0,
      4,
    );
    if (p.net_qty !== 0)
      expect(
        Math.abs(p.avg_price - (r?.avgPrice ?? 0)) / p.avg_price,
        `average ${p.symbol}`,
      ).toBeLessThan(1e-9);
  }
  expect(
    [...replayed.positions.keys()].filter(
      (s) => !positionRows.some((p) => p.symbol === s),
    ),
  ).toEqual([]);

  // An order is filled with exactly one execution of its quantity, or has none.
  const fillsOf = new Map<string, number[]>();
  for (const e of executions)
    fillsOf.set(e.orderId, [...(fillsOf.get(e.orderId) ?? []), e.qty]);
  const children = new Map<string, Order[]>();
  for (const { order } of stored.values()) {
    const fills = fillsOf.get(order.id) ?? [];
    if (order.status === OrderStatus.Filled) {
      expect(fills, `fills of filled ${order.id}`).toEqual([order.qty]);
      expect(order.filledQty).toBe(order.qty);
    } else {
      expect(fills, `fills of ${order.id} (status ${order.status})`).toEqual(
        [],
      );
      expect(order.filledQty).toBe(0);
    }
    if (order.parentId !== undefined)
      children.set(order.parentId, [
        ...(children.get(order.parentId) ?? []),
        order,
      ]);
  }
  for (const [parentId, list] of children) {
    const parent = stored.get(parentId)?.order;
    expect(
      list.filter((c) => c.status === OrderStatus.Filled).length,
      `filled brackets of ${parentId}`,
    ).toBeLessThanOrEqual(1);
    if (list.some((c) => c.status === OrderStatus.Working))
      expect(parent?.status, `parent of working brackets ${parentId}`).toBe(
        OrderStatus.Filled,
      );
  }

  // Margin: the figures agree with the test's own, and working orders hold at least their floor.
  expect(risk.equity - risk.positionMargin).toBeCloseTo(
    freeMargin(book, world.market),
    4,
  );
  expect(risk.orderMargin).toBeGreaterThanOrEqual(
    reserveFloor(book, world.market) - 1e-6,
  );
}
