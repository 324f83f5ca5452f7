import {
  OrderStatus,
  type Execution,
  type OrderStatus as OrderStatusValue,
} from "@tradewire/client";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/database";
import type { DatabaseSchema } from "../../../db/schema";
import type { PositionState } from "../domain/positions";
import { assertFinite } from "./finite";
import {
  executionFromRow,
  executionToRow,
  orderFromRow,
  orderToRow,
  type BookOrder,
} from "./rows";

export interface AccountRecord {
  readonly accountId: string;
  readonly currency: string;
  readonly balance: number;
  readonly realizedPl: number;
  readonly executionSeq: number;
  /** Raised by every commit; a commit made at another version is refused (see StaleBook). */
  readonly version: number;
}

/**
 * A commit refused because the account changed in the database since the book it was computed
 * from was loaded (another instance committed first). Nothing was written; reload and re-run.
 */
export class StaleBook extends Error {
  constructor(
    readonly accountId: string,
    readonly expected: number,
  ) {
    super(`account ${accountId} is no longer at version ${expected}`);
    this.name = "StaleBook";
  }
}

export interface StoredPosition extends PositionState {
  readonly symbol: string;
  readonly updateTime: number;
}

/** Everything one state change writes; `commit` writes it in a single transaction. */
export interface BookChange {
  readonly accountId: string;
  readonly orders: readonly BookOrder[];
  readonly executions: readonly Execution[];
  readonly positions: readonly StoredPosition[];
  readonly account: {
    balance: number;
    realizedPl: number;
    executionSeq: number;
  } | null;
}

const OPEN_STATUSES: OrderStatusValue[] = [
  OrderStatus.Working,
  OrderStatus.Inactive,
  OrderStatus.Placing,
];

/** The broker's tables: orders, executions, positions and account balances. */
export class BrokerStore {
  private readonly db: Kysely<DatabaseSchema>;

  /** `db` is the database's own handle, or a transaction of it (see `locked`). */
  constructor(database: Database | Kysely<DatabaseSchema>) {
    this.db = "kind" in database ? database.db : database;
  }

  /**
   * Run `work` in one transaction that holds the account row's lock from the start: no other
   * instance commits to the account until it ends, so what `work` reads and commits through the
   * store it is given cannot go stale. The fallback of a command that lost a compare-and-set.
   */
  async locked<T>(
    accountId: string,
    work: (store: BrokerStore) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .selectFrom("account_state")
        .select("version")
        .where("account_id", "=", accountId)
        .forUpdate()
        .execute();
      return work(new BrokerStore(trx));
    });
  }

  /** The account's balances, created from its starting balance on first use. */
  async account(accountId: string): Promise<AccountRecord | null> {
    const db = this.db;
    const account = await db
      .selectFrom("accounts")
      .select(["id", "currency", "starting_balance"])
      .where("id", "=", accountId)
      .executeTakeFirst();
    if (!account) return null;
    await db
      .insertInto("account_state")
      .values({
        account_id: accountId,
        balance: account.starting_balance,
        realized_pl: 0,
        execution_seq: 0,
        order_seq: 0,
      })
      .onConflict((oc) => oc.column("account_id").doNothing())
      .execute();
    const state = await db
      .selectFrom("account_state")
      .selectAll()
      .where("account_id", "=", accountId)
      .executeTakeFirstOrThrow();
    return {
      accountId,
      currency: account.currency,
      balance: state.balance,
      realizedPl: state.realized_pl,
      executionSeq: state.execution_seq,
      version: state.version,
    };
  }

  /** Working, inactive and placing orders, plus every order that changed since `sinceMs`. */
  async liveOrders(accountId: string, sinceMs: number): Promise<BookOrder[]> {
    const rows = await this.db
      .selectFrom("orders")
      .selectAll()
      .where("account_id", "=", accountId)
      .where((eb) =>
        eb.or([
          eb("status", "in", OPEN_STATUSES),
          eb("update_time", ">=", sinceMs),
        ]),
      )
      .orderBy("create_time")
      .orderBy("id")
      .execute();
    return rows.map(orderFromRow);
  }

  async positions(accountId: string): Promise<StoredPosition[]> {
    const rows = await this.db
      .selectFrom("positions")
      .selectAll()
      .where("account_id", "=", accountId)
      .orderBy("symbol")
      .execute();
    return rows.map((r) => ({
      symbol: r.symbol,
      netQty: r.net_qty,
      avgPrice: r.avg_price,
      realizedPl: r.realized_pl,
      updateTime: r.update_time,
    }));
  }

  async order(accountId: string, orderId: string): Promise<BookOrder | null> {
    const row = await this.db
      .selectFrom("orders")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("id", "=", orderId)
      .executeTakeFirst();
    return row ? orderFromRow(row) : null;
  }

  async orderByClientId(
    accountId: string,
    clientOrderId: string,
  ): Promise<BookOrder | null> {
    const row = await this.db
      .selectFrom("orders")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("client_order_id", "=", clientOrderId)
      .executeTakeFirst();
    return row ? orderFromRow(row) : null;
  }

  async orders(
    accountId: string,
    status: OrderStatusValue | undefined,
    limit: number,
  ): Promise<BookOrder[]> {
    let query = this.db
      .selectFrom("orders")
      .selectAll()
      .where("account_id", "=", accountId);
    if (status !== undefined) query = query.where("status", "=", status);
    const rows = await query
      .orderBy("create_time", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
    return rows.map(orderFromRow);
  }

  /** Newest first; `before` pages by sequence. */
  async executions(
    accountId: string,
    options: { symbol?: string; before?: number; limit: number },
  ): Promise<Execution[]> {
    let query = this.db
      .selectFrom("executions")
      .selectAll()
      .where("account_id", "=", accountId);
    if (options.symbol !== undefined)
      query = query.where("symbol", "=", options.symbol);
    if (options.before !== undefined)
      query = query.where("sequence", "<", options.before);
    const rows = await query
      .orderBy("sequence", "desc")
      .limit(options.limit)
      .execute();
    return rows.map(executionFromRow);
  }

  /** Oldest first: what the executions channel replays after a cursor. */
  async executionsSince(
    accountId: string,
    since: number,
    limit: number,
  ): Promise<Execution[]> {
    const rows = await this.db
      .selectFrom("executions")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("sequence", ">", since)
      .orderBy("sequence")
      .limit(limit)
      .execute();
    return rows.map(executionFromRow);
  }

  /** Accounts with orders the matching engine must watch after a restart. */
  async accountsWithOpenOrders(): Promise<string[]> {
    const rows = await this.db
      .selectFrom("orders")
      .select("account_id")
      .distinct()
      .where("status", "in", OPEN_STATUSES)
      .execute();
    return rows.map((r) => r.account_id);
  }

  /**
   * Order, executions, positions and balance together, or nothing; answers the account's new
   * version. The first statement raises the version only if it is still `expected`: it takes the
   * account row's lock, so a concurrent commit on another instance waits, then finds the version
   * moved and writes nothing (StaleBook). The balance rides on the same statement when it changes.
   */
  async commit(change: BookChange, expected: number): Promise<number> {
    assertFinite(change);
    const write = async (trx: Kysely<DatabaseSchema>): Promise<number> => {
      const raised = await trx
        .updateTable("account_state")
        .set((eb) => ({
          version: eb("version", "+", 1),
          ...(change.account
            ? {
                balance: change.account.balance,
                realized_pl: change.account.realizedPl,
                execution_seq: change.account.executionSeq,
              }
            : {}),
        }))
        .where("account_id", "=", change.accountId)
        .where("version", "=", expected)
        .executeTakeFirst();
      if (raised.numUpdatedRows === 0n)
        throw new StaleBook(change.accountId, expected);
      for (const o of change.orders) {
        const row = orderToRow(o);
        const {
          id: _id,
          account_id: _account,
          create_time: _created,
          client_order_id: _client,
          client_request: _request,
          ...updatable
        } = row;
        await trx
          .insertInto("orders")
          .values(row)
          .onConflict((oc) => oc.column("id").doUpdateSet(updatable))
          .execute();
      }
      if (change.executions.length > 0) {
        await trx
          .insertInto("executions")
          .values(
            change.executions.map((e) => executionToRow(change.accountId, e)),
          )
          .execute();
      }
      for (const p of change.positions) {
        const row = {
          account_id: change.accountId,
          symbol: p.symbol,
          net_qty: p.netQty,
          avg_price: p.avgPrice,
          realized_pl: p.realizedPl,
          update_time: p.updateTime,
        };
        await trx
          .insertInto("positions")
          .values(row)
          .onConflict((oc) =>
            oc.columns(["account_id", "symbol"]).doUpdateSet({
              net_qty: row.net_qty,
              avg_price: row.avg_price,
              realized_pl: row.realized_pl,
              update_time: row.update_time,
            }),
          )
          .execute();
      }
      return expected + 1;
    };
    // Inside `locked` the store already runs in a transaction (Kysely does not nest them).
    return this.db.isTransaction
      ? write(this.db)
      : this.db.transaction().execute(write);
  }
}
