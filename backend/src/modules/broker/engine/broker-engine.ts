import {
  OrderStatus,
  type components,
  type Order,
  type QuoteData,
} from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../../clock";
import { inSpan } from "../../../telemetry/tracer";
import type { MarketData } from "../../../contracts/market-data";
import type { OrderLimits } from "../domain/order-bounds";
import { BrokerRejection } from "../domain/rejection";
import {
  StaleBook,
  type BookChange,
  type BrokerStore,
} from "../store/broker-store";
import type { BookOrder } from "../store/rows";
import { AccountBook } from "./account-book";
import { KeyedQueue } from "../../../concurrency/keyed-queue";
import { cancelChange } from "./changes";
import type { ClusterRole } from "../../../cluster/role";
import type {
  AccountReplica,
  BrokerChangeMessage,
  ReplicaTarget,
} from "../cluster/account-replica";
import { announce, commitChange } from "./commit";
import { reloadBook } from "./resync";
import type { EngineCore } from "./core";
import type { BrokerEvents } from "./events";
import { orderTrace } from "./order-trace";
import { expiredDayOrders } from "./expiry";
import { MarkToMarket } from "./mark-to-market";
import { matchOrders } from "./matcher";
import { closingRequest, modifyOrder, placeOrder } from "./placement";
import type { Placement } from "./placement-result";
import { QuoteWatches } from "./quote-watches";

export type { Placement } from "./placement-result";

type PlaceOrderRequest = components["schemas"]["PlaceOrderRequest"];
type ModifyOrderRequest = components["schemas"]["ModifyOrderRequest"];

/** Orders changed in the last day are part of the orders snapshot, besides every open one. */
const RECENT_MS = 86_400_000;

/** What a command retried under the account's row lock reads and commits through. */
interface Pinned {
  readonly store: BrokerStore;
  readonly defer: (tell: () => void) => void;
}

export interface BrokerEngineOptions {
  readonly store: BrokerStore;
  readonly market: MarketData;
  readonly events: BrokerEvents;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  readonly limits: OrderLimits;
  /** Leader or follower; matching and expiry run on the leader only. A lone engine leads. */
  readonly role?: ClusterRole;
  /** The bus side when clustered (null or absent on a lone instance). */
  readonly replica?: AccountReplica | null;
  /** Told each time a commit lost the compare-and-set to another instance (a metric counts it). */
  readonly onStale?: () => void;
}

/**
 * The paper broker: places, modifies and cancels orders, matches working orders against live
 * quotes, and keeps positions and balances. Every change of an account runs under its lock and is
 * committed in one transaction before memory and subscribers see it. When several instances share
 * the database, each commit is a compare-and-set on the account's version: a command whose book
 * went stale is re-run on the book reloaded (see `exclusive`).
 */
export class BrokerEngine implements ReplicaTarget {
  private readonly books = new Map<string, Promise<AccountBook>>();
  private readonly locks = new KeyedQueue();
  /** Accounts whose command runs inside `BrokerStore.locked`, with that transaction's store. */
  private readonly pinned = new Map<string, Pinned>();
  readonly watches: QuoteWatches;
  private readonly marks: MarkToMarket;
  private readonly core: EngineCore;

  constructor(private readonly options: BrokerEngineOptions) {
    this.watches = new QuoteWatches(
      options.market,
      options.log,
      (accountId, symbol, quote) => this.onQuote(accountId, symbol, quote),
    );
    this.marks = new MarkToMarket(
      options.events,
      options.market,
      options.clock,
    );
    this.core = {
      market: options.market,
      clock: options.clock,
      limits: options.limits,
      lookup: (symbol) => options.market.instrument(symbol),
      commit: (book, change) => this.commit(book, change),
      quote: (book, symbol) => this.quote(book, symbol),
    };
  }

  /**
   * Load every account with open orders so their orders keep working after a restart, or after
   * this instance became the leader (books it already held are brought up to date first).
   */
  async start(): Promise<void> {
    const replica = this.options.replica;
    if (replica) await replica.watchOrders();
    const held = new Set(this.books.keys());
    for (const accountId of await this.options.store.accountsWithOpenOrders()) {
      await this.exclusive(accountId, async (book) => {
        if (held.has(accountId)) await this.refresh(book);
        await this.expireDayOrders(book);
      });
    }
  }

  /**
   * No longer the leader: stop hearing about other accounts' orders, and let go of the books
   * held only for matching (those without subscribers here), with their quote watches.
   */
  async stepDown(): Promise<void> {
    await this.options.replica?.unwatchOrders();
    for (const accountId of [...this.books.keys()]) {
      await this.locks.run(accountId, async () => {
        if (this.options.events.has(accountId)) return;
        this.books.delete(accountId);
        await this.watches.drop(accountId);
        await this.options.replica?.release(accountId);
      });
    }
  }

  async stop(): Promise<void> {
    this.marks.stop();
    await this.watches.stopAll();
  }

  /** Whether this instance matches working orders (and expires DAY ones). */
  leads(): boolean {
    return this.options.role?.isLeader() ?? true;
  }

  /** The account's in-memory book, loaded once; null for an account that does not exist. */
  async book(accountId: string): Promise<AccountBook> {
    let loading = this.books.get(accountId);
    if (!loading) {
      loading = this.load(accountId);
      this.books.set(accountId, loading);
      loading.catch(() => this.books.delete(accountId));
    }
    return loading;
  }

  /**
   * Place an order. `requestId` is the REST request placing it: the order keeps it, and the log
   * lines of its acceptance, its fills and their publication carry it (see order-trace.ts).
   */
  place(
    accountId: string,
    request: PlaceOrderRequest,
    requestId?: string,
  ): Promise<Placement> {
    const attributes = {
      "tradewire.account_id": accountId,
      "tradewire.symbol": request.symbol,
      ...(requestId !== undefined ? { "tradewire.request_id": requestId } : {}),
    };
    return inSpan("broker.place", attributes, (span) =>
      this.exclusive(accountId, async (book) => {
        const core = this.coreFor(requestId);
        const placed = await placeOrder(core, book, request, (id) =>
          this.byClientId(book, id),
        );
        span.setAttributes({
          "tradewire.order_id": placed.order.id,
          "http.response.status_code": placed.status,
        });
        this.logPlacement(accountId, placed, requestId);
        await this.watches.sync(book);
        return placed;
      }),
    );
  }

  modify(
    accountId: string,
    orderId: string,
    request: ModifyOrderRequest,
    requestId?: string,
  ): Promise<Order> {
    return this.exclusive(accountId, async (book) => {
      const target = await this.openOrder(book, orderId);
      const core = this.coreFor(requestId);
      await modifyOrder(core, book, target, request);
      this.options.log.info(
        { ...this.traceOf(target, requestId), accountId },
        "order modified",
      );
      const symbol = target.order.symbol;
      const quote = await this.quote(book, symbol);
      if (this.leads()) await this.match(book, symbol, quote, core);
      return (book.orders.get(orderId) as BookOrder).order;
    });
  }

  cancel(
    accountId: string,
    orderId: string,
    requestId?: string,
  ): Promise<Order> {
    return this.exclusive(accountId, async (book) => {
      const target = await this.openOrder(book, orderId);
      await this.commit(
        book,
        cancelChange(book, [target], this.options.clock.now()),
        requestId,
      );
      this.options.log.info(
        { ...this.traceOf(target, requestId), accountId },
        "order cancelled",
      );
      await this.watches.sync(book);
      return (book.orders.get(orderId) as BookOrder).order;
    });
  }

  /** Close a position, fully or by `qty` (a whole number of lots), with a market order. */
  closePosition(
    accountId: string,
    symbol: string,
    qty?: number,
    requestId?: string,
  ): Promise<Placement> {
    return this.exclusive(accountId, async (book) => {
      const core = this.coreFor(requestId);
      const placed = await placeOrder(
        core,
        book,
        closingRequest(core, book, symbol, qty),
        () => Promise.resolve(null),
      );
      this.logPlacement(accountId, placed, requestId);
      await this.watches.sync(book);
      return placed;
    });
  }

  /** Resolves once every change queued for the account so far has run (tests wait on it). */
  idle(accountId: string): Promise<void> {
    return this.locks.run(accountId, () => Promise.resolve());
  }

  /** Expire DAY orders whose trading day is over; run by the module's sweep timer. */
  async sweep(): Promise<void> {
    if (!this.leads()) return;
    for (const accountId of [...this.books.keys()])
      await this.exclusive(accountId, (book) => this.expireDayOrders(book));
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
        await this.watches.sync(book);
      } else {
        // A message went missing: the database has every version.
        await this.refresh(book);
      }
    });
  }

  /** The leader hears of working orders on an account it does not hold: load it to match them. */
  async adopt(accountId: string): Promise<void> {
    if (!this.leads() || this.books.has(accountId)) return;
    await this.exclusive(accountId, (book) => this.expireDayOrders(book));
  }

  /** After the bus was cut off: every held book to the database's version, subscribers told. */
  async resyncAll(): Promise<void> {
    for (const accountId of [...this.books.keys()])
      await this.locks.run(accountId, async () =>
        this.refresh(await this.book(accountId)),
      );
    if (this.leads()) await this.start();
  }

  /**
   * Run a command on the account's book under its lock. The first attempt is optimistic: its
   * commits are compare-and-sets on the book's version. When another instance committed first
   * (StaleBook, nothing written), the command runs again inside one transaction holding the
   * account row's lock, on the book reloaded in it: it cannot lose again, and a margin check never
   * passes on a state that is gone. Its news waits for that transaction's commit.
   */
  private exclusive<T>(
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

  /** Reload a book from the database (under its lock) and send subscribers what changed. */
  private async refresh(book: AccountBook): Promise<void> {
    const store = this.storeOf(book.accountId);
    const since = this.options.clock.now() - RECENT_MS;
    const change = await reloadBook(store, book, since);
    announce(this.options, book, change, undefined, false);
    await this.watches.sync(book);
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
    for (const symbol of book.watchedSymbols()) await this.quote(book, symbol);
    await this.watches.sync(book);
    return book;
  }

  private async onQuote(
    accountId: string,
    symbol: string,
    quote: QuoteData,
  ): Promise<void> {
    // A quote that cannot be priced against must not become a mark: it would value the account as NaN.
    if (!usable(quote)) return;
    const book = await this.book(accountId);
    book.marks.set(symbol, quote);
    // Followers watch quotes only to mark positions: the leader alone matches.
    if (this.leads())
      await this.exclusive(accountId, (current) =>
        this.match(current, symbol, quote),
      );
    if (book.position(symbol).netQty !== 0) this.marks.touch(book, symbol);
  }

  private async match(
    book: AccountBook,
    symbol: string,
    quote: QuoteData,
    core: EngineCore = this.core,
  ): Promise<void> {
    await matchOrders(core, book, symbol, quote);
    await this.watches.sync(book);
  }

  private async expireDayOrders(book: AccountBook): Promise<void> {
    if (!this.leads()) return;
    const now = this.options.clock.now();
    const expired = expiredDayOrders(book, this.options.market, now);
    if (expired.length === 0) return;
    await this.commit(
      book,
      cancelChange(
        book,
        expired,
        now,
        "DAY order expired at the end of its trading day",
      ),
    );
    await this.watches.sync(book);
  }

  private commit(
    book: AccountBook,
    change: BookChange,
    requestId?: string,
  ): Promise<void> {
    const replica = this.options.replica;
    const pinned = this.pinned.get(book.accountId);
    return commitChange(
      pinned ? { ...this.options, ...pinned } : this.options,
      book,
      change,
      requestId,
      replica ? (...args) => replica.publish(...args) : undefined,
    );
  }

  /**
   * The core a request's flow runs with. The id is passed explicitly rather than through
   * AsyncLocalStorage: the flows are few and short, an order must keep the id anyway for the
   * fills of later quotes (which run outside any request), and an explicit argument cannot leak
   * into the quote callbacks or timers that a request's flow happens to start.
   */
  private coreFor(requestId: string | undefined): EngineCore {
    if (requestId === undefined) return this.core;
    return {
      ...this.core,
      requestId,
      commit: (book, change) => this.commit(book, change, requestId),
    };
  }

  private traceOf(order: BookOrder, requestId: string | undefined) {
    return orderTrace(order.order.id, order.requestId, requestId);
  }

  private logPlacement(
    accountId: string,
    placed: Placement,
    requestId: string | undefined,
  ): void {
    const fields = {
      ...orderTrace(placed.order.id, requestId, requestId),
      accountId,
      symbol: placed.order.symbol,
      side: placed.order.side,
      qty: placed.order.qty,
      type: placed.order.type,
    };
    if (placed.status === 201) this.options.log.info(fields, "order accepted");
    else
      this.options.log.info(
        { ...fields, status: placed.status, code: placed.error.code },
        "order refused",
      );
  }

  private async openOrder(
    book: AccountBook,
    orderId: string,
  ): Promise<BookOrder> {
    const found =
      book.orders.get(orderId) ??
      (await this.storeOf(book.accountId).order(book.accountId, orderId));
    if (!found) throw new BrokerRejection("NOT_FOUND", `no order ${orderId}`);
    if (
      found.order.status !== OrderStatus.Working &&
      found.order.status !== OrderStatus.Inactive
    ) {
      throw new BrokerRejection(
        "ORDER_NOT_MODIFIABLE",
        `order ${orderId} is ${OrderStatusName[found.order.status]} and can no longer change`,
      );
    }
    return found;
  }

  private async byClientId(
    book: AccountBook,
    clientOrderId: string,
  ): Promise<BookOrder | null> {
    const id = book.byClientId.get(clientOrderId);
    return (
      (id ? book.orders.get(id) : undefined) ??
      (await this.storeOf(book.accountId).orderByClientId(
        book.accountId,
        clientOrderId,
      ))
    );
  }

  /** Inside a locked retry, the store of its transaction: every read of the command goes there. */
  private storeOf(accountId: string): BrokerStore {
    return this.pinned.get(accountId)?.store ?? this.options.store;
  }

  /** The latest quote: the watched one when the symbol is watched, else a fresh read. */
  private async quote(book: AccountBook, symbol: string): Promise<QuoteData> {
    const live = book.marks.get(symbol);
    if (live && usable(live) && this.watches.isWatching(symbol)) return live;
    const quote = await this.options.market.quote(symbol);
    if (!quote || !usable(quote))
      throw new BrokerRejection(
        "UNKNOWN_SYMBOL",
        `no quote for ${symbol}`,
        "symbol",
      );
    book.marks.set(symbol, quote);
    return quote;
  }
}

const OrderStatusName: Record<number, string> = Object.fromEntries(
  Object.entries(OrderStatus).map(([name, value]) => [
    value,
    name.toLowerCase(),
  ]),
);

/** A quote the broker can price against: every price finite and positive, the ask above the bid. */
function usable(quote: QuoteData): boolean {
  const { lp, bid, ask } = quote.v;
  return [lp, bid, ask].every((p) => Number.isFinite(p) && p > 0) && ask >= bid;
}
