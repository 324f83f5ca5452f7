import type { Clock } from "../../../clock";
import type { ClusterRole } from "../../../cluster/role";
import type { MarketData } from "../../../contracts/market-data";
import type { AccountReplica } from "../cluster/account-replica";
import type { BookChange, BrokerStore } from "../store/broker-store";
import type { AccountBook } from "./account-book";
import type { AccountBooks } from "./account-books";
import { cancelChange } from "./changes";
import type { BrokerEvents } from "./events";
import { expiredDayOrders } from "./expiry";
import type { QuoteWatches } from "./quote-watches";

export interface LeadershipDeps {
  readonly books: AccountBooks;
  readonly watches: QuoteWatches;
  readonly store: BrokerStore;
  readonly events: BrokerEvents;
  readonly market: MarketData;
  readonly clock: Clock;
  readonly role?: ClusterRole;
  readonly replica?: AccountReplica | null;
  commit(book: AccountBook, change: BookChange): Promise<void>;
}

/**
 * What only the leader does: hold every account with open orders (so their orders are matched and
 * DAY ones expire), hear of working orders placed on other instances, and let go of it all when
 * another instance leads. A lone instance leads for its whole life.
 */
export class Leadership {
  constructor(private readonly deps: LeadershipDeps) {}

  /**
   * Load every account with open orders so their orders keep working after a restart, or after
   * this instance became the leader (books it already held are brought up to date first).
   */
  async start(): Promise<void> {
    const replica = this.deps.replica;
    if (replica) await replica.watchOrders();
    const held = new Set(this.deps.books.held());
    for (const accountId of await this.deps.store.accountsWithOpenOrders()) {
      await this.deps.books.exclusive(accountId, async (book) => {
        if (held.has(accountId)) await this.deps.books.refresh(book);
        await this.expireDayOrders(book);
      });
    }
  }

  /**
   * No longer the leader: stop hearing about other accounts' orders, and let go of the books
   * held only for matching (those without subscribers here), with their quote watches.
   */
  async stepDown(): Promise<void> {
    await this.deps.replica?.unwatchOrders();
    for (const accountId of this.deps.books.held()) {
      await this.deps.books.run(accountId, async () => {
        if (this.deps.events.has(accountId)) return;
        await this.deps.books.release(accountId);
        await this.deps.watches.drop(accountId);
      });
    }
  }

  /** Whether this instance matches working orders (and expires DAY ones). */
  leads(): boolean {
    return this.deps.role?.isLeader() ?? true;
  }

  /** Expire DAY orders whose trading day is over; run by the module's sweep timer. */
  async sweep(): Promise<void> {
    if (!this.leads()) return;
    for (const accountId of this.deps.books.held())
      await this.deps.books.exclusive(accountId, (book) =>
        this.expireDayOrders(book),
      );
  }

  /** The leader hears of working orders on an account it does not hold: load it to match them. */
  async adopt(accountId: string): Promise<void> {
    if (!this.leads() || this.deps.books.has(accountId)) return;
    await this.deps.books.exclusive(accountId, (book) =>
      this.expireDayOrders(book),
    );
  }

  /** After the bus was cut off: every held book to the database's version, subscribers told. */
  async resyncAll(): Promise<void> {
    for (const accountId of this.deps.books.held())
      await this.deps.books.run(accountId, async () =>
        this.deps.books.refresh(await this.deps.books.book(accountId)),
      );
    if (this.leads()) await this.start();
  }

  /** Cancel the book's DAY orders whose trading day is over (the leader only). */
  async expireDayOrders(book: AccountBook): Promise<void> {
    if (!this.leads()) return;
    const now = this.deps.clock.now();
    const expired = expiredDayOrders(book, this.deps.market, now);
    if (expired.length === 0) return;
    await this.deps.commit(
      book,
      cancelChange(
        book,
        expired,
        now,
        "DAY order expired at the end of its trading day",
      ),
    );
    await this.deps.watches.sync(book);
  }
}
