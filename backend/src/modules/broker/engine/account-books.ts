import { KeyedQueue } from "../../../concurrency/keyed-queue";
import type {
  AccountReplica,
  BrokerChangeMessage,
} from "../cluster/account-replica";
import { BrokerRejection } from "../domain/rejection";
import { StaleBook, type BrokerStore } from "../store/broker-store";
import { AccountBook } from "./account-book";
import { announce, type CommitDeps } from "./commit";
import { reloadBook } from "./resync";

/** Orders changed in the last day are part of the orders snapshot, besides every open one. */
const RECENT_MS = 86_400_000;

export interface AccountBooksOptions extends CommitDeps {
  readonly replica?: AccountReplica | null;
  /** Told each time a commit lost the compare-and-set to another instance (a metric counts it). */
  readonly onStale?: () => void;
  /** Runs on a book just loaded, and after every change another instance made to it. */
  readonly changed: (book: AccountBook, loaded: boolean) => Promise<void>;
}

/** What a command retried under the account's row lock reads and commits through. */
interface Pinned {
  readonly store: BrokerStore;
  readonly defer: (tell: () => void) => void;
}

/**
 * The accounts' in-memory books, one lock per account, and how a book stays true to the database
 * that several instances write: commands run under the account's lock with an optimistic first
 * attempt, other instances' changes are applied in version order, and anything missed is reloaded.
 */
export class AccountBooks {
  private readonly books = new Map<string, Promise<AccountBook>>();
  private readonly locks = new KeyedQueue();
  /** Accounts whose command runs inside `BrokerStore.locked`, with that transaction's store. */
  private readonly pinned = new Map<string, Pinned>();

  constructor(private readonly options: AccountBooksOptions) {}

  /** The account's in-memory book, loaded once; NOT_FOUND for an account that does not exist. */
  book(accountId: string): Promise<AccountBook> {
    let loading = this.books.get(accountId);
    if (!loading) {
      loading = this.load(accountId);
      this.books.set(accountId, loading);
      loading.catch(() => {
        this.books.delete(accountId);
        // No book, nothing to keep in step: stop hearing about the account.
        this.options.replica?.release(accountId).catch(() => undefined);
      });
    }
    return loading;
  }

  has(accountId: string): boolean {
    return this.books.has(accountId);
  }

  held(): string[] {
    return [...this.books.keys()];
  }

  /** Run `work` under the account's lock, with no retry (reads, releases). */
  run<T>(accountId: string, work: () => Promise<T>): Promise<T> {
    return this.locks.run(accountId, work);
  }

  /** Forget a book (under its lock): the next use loads it again. */
  async release(accountId: string): Promise<void> {
    this.books.delete(accountId);
    await this.options.replica?.release(accountId);
  }

  /**
   * Run a command on the account's book under its lock. The first attempt is optimistic: its
   * commits are compare-and-sets on the book's version. When another instance committed first
   * (StaleBook, nothing written), the command runs again inside one transaction holding the
   * account row's lock, on the book reloaded in it: it cannot lose again, and a margin check never
   * passes on a state that is gone. Its news waits for that transaction's commit.
   */
  exclusive<T>(
    accountId: string,
    command: (book: AccountBook) => Promise<T>,
  ): Promise<T> {
    return this.locks.run(accountId, async () => {
      const book = await this.book(accountId);
      try {
        return await command(book);
      } catch (err) {
        if (!(err instanceof StaleBook)) throw err;
      }
      this.options.onStale?.();
      this.options.log.debug({ accountId }, "stale account book: rerun locked");
      const held: (() => void)[] = [];
      try {
        const result = await this.options.store.locked(
          accountId,
          async (store) => {
            this.pinned.set(accountId, {
              store,
              defer: (tell) => held.push(tell),
            });
            try {
              await this.refresh(book);
              return await command(book);
            } finally {
              this.pinned.delete(accountId);
            }
          },
        );
        for (const tell of held) tell();
        return result;
      } catch (err) {
        // Rolled back: the book may hold commits the database no longer has.
        if (held.length > 0) await this.refresh(book);
        if (err instanceof StaleBook)
          throw new BrokerRejection(
            "INTERNAL_ERROR",
            `account ${accountId} changed on another instance during a locked retry; nothing was done, retry`,
          );
        throw err;
      }
    });
  }

  /** Another instance committed to the account: bring the book here to that version. */
  async applyRemote(message: BrokerChangeMessage): Promise<void> {
    const { accountId, version, change } = message;
    if (!this.books.has(accountId)) return;
    await this.locks.run(accountId, async () => {
      const book = await this.book(accountId);
      if (version <= book.version) return;
      if (change && version === book.version + 1) {
        book.apply(change, version);
        announce(this.options, book, change, message.requestId, false);
        await this.options.changed(book, false);
      } else {
        // A message went missing: the database has every version.
        await this.refresh(book);
      }
    });
  }

  /** Reload a book from the database (under its lock) and send subscribers what changed. */
  async refresh(book: AccountBook): Promise<void> {
    const store = this.storeOf(book.accountId);
    const since = this.options.clock.now() - RECENT_MS;
    const change = await reloadBook(store, book, since);
    announce(this.options, book, change, undefined, false);
    await this.options.changed(book, false);
  }

  /** Inside a locked retry, the store of its transaction: every read of the command goes there. */
  storeOf(accountId: string): BrokerStore {
    return this.pinned.get(accountId)?.store ?? this.options.store;
  }

  /** What a commit of the account writes with (the locked retry's transaction, when in one). */
  commitDeps(accountId: string): CommitDeps {
    const pinned = this.pinned.get(accountId);
    return pinned ? { ...this.options, ...pinned } : this.options;
  }

  private async load(accountId: string): Promise<AccountBook> {
    const { store, clock } = this.options;
    // Subscribed before reading: a change committed meanwhile is either read or heard.
    await this.options.replica?.hold(accountId);
    const record = await store.account(accountId);
    if (!record)
      throw new BrokerRejection("NOT_FOUND", `no account ${accountId}`);
    const book = new AccountBook(
      accountId,
      record.currency,
      record,
      await store.liveOrders(accountId, clock.now() - RECENT_MS),
      await store.positions(accountId),
    );
    await this.options.changed(book, true);
    return book;
  }
}
