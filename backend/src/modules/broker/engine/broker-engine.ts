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
import type { BookChange, BrokerStore } from "../store/broker-store";
import type { BookOrder } from "../store/rows";
import type { AccountBook } from "./account-book";
import { cancelChange } from "./changes";
import type { ClusterRole } from "../../../cluster/role";
import type {
  AccountReplica,
  BrokerChangeMessage,
  ReplicaTarget,
} from "../cluster/account-replica";
import { AccountBooks } from "./account-books";
import { Leadership } from "./leadership";
import { commitChange } from "./commit";
import type { EngineCore } from "./core";
import type { BrokerEvents } from "./events";
import { orderTrace } from "./order-trace";
import { MarkToMarket } from "./mark-to-market";
import { matchOrders } from "./matcher";
import { closingRequest, modifyOrder, placeOrder } from "./placement";
import type { Placement } from "./placement-result";
import { QuoteWatches } from "./quote-watches";

export type { Placement } from "./placement-result";

type PlaceOrderRequest = components["schemas"]["PlaceOrderRequest"];
type ModifyOrderRequest = components["schemas"]["ModifyOrderRequest"];

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
  private readonly books: AccountBooks;
  private readonly leadership: Leadership;
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
    this.books = new AccountBooks({
      ...options,
      changed: async (book, loaded) => {
        if (loaded)
          for (const symbol of book.watchedSymbols())
            await this.quote(book, symbol);
        await this.watches.sync(book);
      },
    });
    this.leadership = new Leadership({
      ...options,
      books: this.books,
      watches: this.watches,
      commit: (book, change) => this.commit(book, change),
    });
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
   * this instance became the leader.
   */
  start(): Promise<void> {
    return this.leadership.start();
  }

  /** No longer the leader: see Leadership.stepDown. */
  stepDown(): Promise<void> {
    return this.leadership.stepDown();
  }

  /** Whether this instance matches working orders (and expires DAY ones). */
  leads(): boolean {
    return this.leadership.leads();
  }

  /** Expire DAY orders whose trading day is over; run by the module's sweep timer. */
  sweep(): Promise<void> {
    return this.leadership.sweep();
  }

  adopt(accountId: string): Promise<void> {
    return this.leadership.adopt(accountId);
  }

  resyncAll(): Promise<void> {
    return this.leadership.resyncAll();
  }

  async stop(): Promise<void> {
    this.marks.stop();
    await this.watches.stopAll();
  }

  /** The account's in-memory book, loaded once; NOT_FOUND for an account that does not exist. */
  book(accountId: string): Promise<AccountBook> {
    return this.books.book(accountId);
  }

  /** Another instance committed to the account: bring the book here to that version. */
  applyRemote(message: BrokerChangeMessage): Promise<void> {
    return this.books.applyRemote(message);
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
      this.books.exclusive(accountId, async (book) => {
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
    return this.books.exclusive(accountId, async (book) => {
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
    return this.books.exclusive(accountId, async (book) => {
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
    return this.books.exclusive(accountId, async (book) => {
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
    return this.books.run(accountId, () => Promise.resolve());
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
      await this.books.exclusive(accountId, (current) =>
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

  private commit(
    book: AccountBook,
    change: BookChange,
    requestId?: string,
  ): Promise<void> {
    const replica = this.options.replica;
    return commitChange(
      this.books.commitDeps(book.accountId),
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
      (await this.books.storeOf(book.accountId).order(book.accountId, orderId));
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
      (await this.books
        .storeOf(book.accountId)
        .orderByClientId(book.accountId, clientOrderId))
    );
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
