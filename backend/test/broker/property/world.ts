import { inspect } from "node:util";
import { OrderStatus } from "@tradewire/client";
import { DEFAULT_BROKER_LIMITS } from "../../../src/modules/broker/config";
import type { Database } from "../../../src/db/database";
import type { AccountBook } from "../../../src/modules/broker/engine/account-book";
import { BrokerEngine } from "../../../src/modules/broker/engine/broker-engine";
import { BrokerEvents } from "../../../src/modules/broker/engine/events";
import { BrokerStore } from "../../../src/modules/broker/store/broker-store";
import { ControlledMarket } from "../../support/controlled-market";
import { ManualClock, WEDNESDAY_10AM_NY } from "../../support/datafeed-app";
import { freeMargin } from "./oracle";

export interface TestAccount {
  readonly id: string;
  readonly start: number;
}

/** Starting balances of a run's accounts: one small enough that buying power runs out often. */
export const STARTING_BALANCES = [3_000, 25_000, 1_000_000] as const;

/**
 * The system under test for one run of the property: the real engine on the real store over a
 * real (PGlite) database, fed by a market whose prices the commands set. Listeners on the
 * engine's events check every fill the moment it is applied; what they find lands in `problems`.
 */
export class World {
  readonly market = new ControlledMarket();
  readonly events = new BrokerEvents();
  readonly store: BrokerStore;
  readonly clock = new ManualClock(WEDNESDAY_10AM_NY);
  readonly problems: string[] = [];
  readonly books = new Map<string, AccountBook>();
  /** Net position per account and symbol as the last execution left it. */
  private readonly nets = new Map<string, number>();
  engine: BrokerEngine;
  fills = 0;
  openingFills = 0;
  /** Working orders the broker rejected when the market reached them. */
  refusedFills = 0;

  constructor(
    readonly database: Database,
    readonly accounts: readonly TestAccount[],
  ) {
    this.store = new BrokerStore(database);
    this.engine = this.newEngine();
    for (const account of accounts)
      this.events.on(account.id, (event) => {
        if (event.kind === "execution")
          this.onFill(account.id, event.execution.symbol);
        if (
          event.kind === "order" &&
          event.order.status === OrderStatus.Rejected &&
          event.order.rejectReason?.startsWith("not ")
        )
          this.refusedFills += 1;
      });
  }

  /** Create the run's accounts in the database and load their books. */
  static async create(database: Database, run: number): Promise<World> {
    const accounts = STARTING_BALANCES.map((start, i) => ({
      id: `acc-p${run}-${i}`,
      start,
    }));
    await database.db
      .insertInto("users")
      .values({
        id: `u-p${run}`,
        username: `property-${run}`,
        display_name: "Property",
        password_hash: "unused",
      })
      .execute();
    await database.db
      .insertInto("accounts")
      .values(
        accounts.map((a, position) => ({
          id: a.id,
          user_id: `u-p${run}`,
          name: a.id,
          currency: "USD",
          starting_balance: a.start,
          position,
        })),
      )
      .execute();
    const world = new World(database, accounts);
    await world.loadBooks();
    return world;
  }

  /** A restart: the engine is dropped and a new one loads everything from the database. */
  async restart(): Promise<void> {
    await this.engine.stop();
    this.engine = this.newEngine();
    await this.engine.start();
    await this.loadBooks();
  }

  /** Wait until every account has run what the last quote or call queued. */
  async settle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    for (const account of this.accounts) await this.engine.idle(account.id);
  }

  book(accountId: string): AccountBook {
    const book = this.books.get(accountId);
    if (!book) throw new Error(`no book for ${accountId}`);
    return book;
  }

  stop(): Promise<void> {
    return this.engine.stop();
  }

  private async loadBooks(): Promise<void> {
    for (const account of this.accounts)
      this.books.set(account.id, await this.engine.book(account.id));
  }

  /**
   * Checked at the moment a fill is applied, at that moment's prices: a fill that opened or grew a
   * position (or turned it around) must leave buying power >= 0, and so (by the test's own
   * arithmetic) the positions' margin within the equity.
   */
  private onFill(accountId: string, symbol: string): void {
    this.fills += 1;
    const key = `${accountId}\n${symbol}`;
    const before = this.nets.get(key) ?? 0;
    const after = this.book(accountId).position(symbol).netQty;
    this.nets.set(key, after);
    const opening =
      Math.abs(after) > Math.abs(before) + 1e-12 ||
      (before !== 0 && after !== 0 && Math.sign(before) !== Math.sign(after));
    if (!opening) return;
    this.openingFills += 1;
    const book = this.book(accountId);
    const free = freeMargin(book, this.market);
    const { buyingPower } = book.risk((s) => this.market.instrument(s));
    if (!(free >= -1e-6) || !(buyingPower >= -1e-6))
      this.problems.push(
        `${accountId}: a fill on ${symbol} took the position from ${before} to ${after} and left ${free} of equity over the positions' margin, ${buyingPower} of buying power`,
      );
  }

  private newEngine(): BrokerEngine {
    const record =
      (level: string) =>
      (...args: unknown[]): void => {
        this.problems.push(`engine logged ${level}: ${inspect(args)}`);
      };
    const log = {
      level: "warn",
      fatal: record("fatal"),
      error: record("error"),
      warn: record("warn"),
      info: () => undefined,
      debug: () => undefined,
      trace: () => undefined,
      silent: () => undefined,
      child: () => log,
    };
    return new BrokerEngine({
      store: this.store,
      market: this.market,
      events: this.events,
      clock: this.clock,
      log: log,
      limits: DEFAULT_BROKER_LIMITS,
    });
  }
}
