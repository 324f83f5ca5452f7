import {
  OrderStatus,
  OrderType,
  Side,
  type components,
  type Order,
  type QuoteData,
} from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../../clock";
import type { MarketData } from "../../../contracts/market-data";
import { fillPrice, stopHit } from "../domain/matching";
import { checkOrder } from "../domain/order-rules";
import { BrokerRejection } from "../domain/rejection";
import type { BookChange, BrokerStore } from "../store/broker-store";
import type { BookOrder } from "../store/rows";
import { AccountBook } from "./account-book";
import { AccountLocks } from "./account-locks";
import { cancelChange, fillChange, ordersOnly } from "./changes";
import type { BrokerEvents } from "./events";

import { MarkToMarket } from "./mark-to-market";
import { brackets, newOrder, resyncBrackets } from "./order-factory";
import { brokerRefusal } from "./risk";
import { QuoteWatches } from "./quote-watches";

type PlaceOrderRequest = components["schemas"]["PlaceOrderRequest"];
type ModifyOrderRequest = components["schemas"]["ModifyOrderRequest"];

/** What placing an order answered: 201 with the order, or 422 with the recorded rejection. */
export type Placement =
  | { status: 201; order: Order }
  | { status: 422; order: Order; error: BrokerRejection };

/** Orders changed in the last day are part of the orders snapshot, besides every open one. */
const RECENT_MS = 86_400_000;

export interface BrokerEngineOptions {
  readonly store: BrokerStore;
  readonly market: MarketData;
  readonly events: BrokerEvents;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
}

/**
 * The paper broker: places, modifies and cancels orders, matches working orders against live
 * quotes, and keeps positions and balances. Every change of an account runs under its lock and is
 * committed in one transaction before memory and subscribers see it.
 */
export class BrokerEngine {
  private readonly books = new Map<string, Promise<AccountBook>>();
  private readonly locks = new AccountLocks();
  readonly watches: QuoteWatches;
  private readonly marks: MarkToMarket;

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
  }

  /** Load every account with open orders so their orders keep working after a restart. */
  async start(): Promise<void> {
    for (const accountId of await this.options.store.accountsWithOpenOrders()) {
      const book = await this.book(accountId);
      await this.expireDayOrders(book);
    }
  }

  async stop(): Promise<void> {
    this.marks.stop();
    await this.watches.stopAll();
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

  place(accountId: string, request: PlaceOrderRequest): Promise<Placement> {
    return this.locks.run(accountId, async () => {
      const book = await this.book(accountId);
      const now = this.options.clock.now();
      if (request.clientOrderId !== undefined) {
        const earlier = await this.byClientId(book, request.clientOrderId);
        if (earlier) return answerOf(earlier);
      }
      const instrument = this.options.market.instrument(request.symbol);
      if (!instrument)
        throw new BrokerRejection(
          "UNKNOWN_SYMBOL",
          `unknown symbol ${JSON.stringify(request.symbol)}`,
          "symbol",
        );
      const quote = await this.quote(book, instrument.ticker);
      checkOrder(request, instrument, quote);
      if (book.toAccount(1, instrument, quote.v.lp) === 0) {
        throw new BrokerRejection(
          "INVALID_ORDER",
          `${instrument.ticker} is quoted in ${instrument.currency}, which this ${book.currency} account cannot settle`,
          "symbol",
        );
      }
      const order = newOrder(request, instrument.ticker, now);
      const refusal = brokerRefusal(
        this.options.market,
        book,
        order.order,
        instrument,
        quote,
        now,
      );
      if (refusal) {
        const rejected: BookOrder = {
          ...order,
          rejectCode: refusal.code,
          order: {
            ...order.order,
            status: OrderStatus.Rejected,
            rejectReason: refusal.message,
          },
        };
        await this.commit(book, ordersOnly(book, [rejected]));
        return { status: 422, order: rejected.order, error: refusal };
      }
      const children = brackets(order, now);
      const price = fillPrice(order.order, quote, false);
      const change =
        price === null
          ? ordersOnly(book, [order, ...children])
          : fillChange(book, order, price, instrument, now, children);
      await this.commit(book, change);
      await this.watches.sync(book);
      return {
        status: 201,
        order: (book.orders.get(order.order.id) as BookOrder).order,
      };
    });
  }

  modify(
    accountId: string,
    orderId: string,
    request: ModifyOrderRequest,
  ): Promise<Order> {
    return this.locks.run(accountId, async () => {
      const book = await this.book(accountId);
      const target = await this.openOrder(book, orderId);
      const instrument = this.options.market.instrument(target.order.symbol);
      if (!instrument)
        throw new BrokerRejection(
          "UNKNOWN_SYMBOL",
          `${target.order.symbol} is no longer traded`,
          "symbol",
        );
      if (request.qty !== undefined && request.qty < target.order.filledQty)
        throw new BrokerRejection(
          "INVALID_ORDER",
          "quantity cannot go below what has filled",
          "qty",
        );
      const now = this.options.clock.now();
      const next: Order = { ...target.order, ...request, updateTime: now };
      const quote = await this.quote(book, instrument.ticker);
      checkOrder(
        {
          ...next,
          ...(target.stopTriggered
            ? { stopPrice: undefined, type: OrderType.Limit }
            : {}),
        },
        instrument,
        quote,
      );
      const changed: BookOrder[] = [{ ...target, order: next }];
      changed.push(...resyncBrackets(book, { ...target, order: next }, now));
      await this.commit(book, ordersOnly(book, changed));
      await this.match(book, instrument.ticker, quote);
      return (book.orders.get(orderId) as BookOrder).order;
    });
  }

  cancel(accountId: string, orderId: string): Promise<Order> {
    return this.locks.run(accountId, async () => {
      const book = await this.book(accountId);
      const target = await this.openOrder(book, orderId);
      await this.commit(
        book,
        cancelChange(book, [target], this.options.clock.now()),
      );
      await this.watches.sync(book);
      return (book.orders.get(orderId) as BookOrder).order;
    });
  }

  /** Close a position, fully or by `qty`, with a market order. */
  async closePosition(
    accountId: string,
    symbol: string,
    qty?: number,
  ): Promise<Placement> {
    const book = await this.book(accountId);
    const position = book.positions.get(symbol);
    if (!position || position.netQty === 0)
      throw new BrokerRejection("NOT_FOUND", `no open position in ${symbol}`);
    const open = Math.abs(position.netQty);
    if (qty !== undefined && qty > open)
      throw new BrokerRejection(
        "INVALID_ORDER",
        `the position holds ${open}; cannot close ${qty}`,
        "qty",
      );
    return this.place(accountId, {
      symbol,
      type: OrderType.Market,
      side: position.netQty > 0 ? Side.Sell : Side.Buy,
      qty: qty ?? open,
    });
  }

  /** Expire DAY orders whose trading day is over; run by the module's sweep timer. */
  async sweep(): Promise<void> {
    for (const loading of [...this.books.values()]) {
      const book = await loading;
      await this.locks.run(book.accountId, () => this.expireDayOrders(book));
    }
  }

  private async load(accountId: string): Promise<AccountBook> {
    const { store, clock } = this.options;
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
    const book = await this.book(accountId);
    book.marks.set(symbol, quote);
    await this.locks.run(accountId, () => this.match(book, symbol, quote));
    if (book.position(symbol).netQty !== 0) this.marks.touch(book, symbol);
  }

  /** Fill or trigger the account's working orders on `symbol` that the quote reaches. */
  private async match(
    book: AccountBook,
    symbol: string,
    quote: QuoteData,
  ): Promise<void> {
    const instrument = this.options.market.instrument(symbol);
    if (
      !instrument ||
      !this.options.market.isTrading(symbol, this.options.clock.now())
    )
      return;
    for (const candidate of book.openOrders(symbol)) {
      const current = book.orders.get(candidate.order.id);
      if (!current || current.order.status !== OrderStatus.Working) continue;
      const now = this.options.clock.now();
      const price = fillPrice(current.order, quote, current.stopTriggered);
      if (price !== null) {
        await this.commit(
          book,
          fillChange(book, current, price, instrument, now),
        );
      } else if (
        current.order.type === OrderType.StopLimit &&
        !current.stopTriggered &&
        stopHit(current.order, quote)
      ) {
        await this.commit(
          book,
          ordersOnly(book, [
            {
              ...current,
              stopTriggered: true,
              order: { ...current.order, updateTime: now },
            },
          ]),
        );
      }
    }
    await this.watches.sync(book);
  }

  private async expireDayOrders(book: AccountBook): Promise<void> {
    const { market, clock } = this.options;
    const now = clock.now();
    const expired = book.openOrders().filter(({ order }) => {
      if (order.duration.type !== "DAY" || order.parentId !== undefined)
        return false;
      return (
        !market.isTrading(order.symbol, now) ||
        market.tradingDay(order.symbol, now) !==
          market.tradingDay(order.symbol, order.createTime)
      );
    });
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

  private async commit(book: AccountBook, change: BookChange): Promise<void> {
    const stamped: BookChange = {
      ...change,
      orders: change.orders.map((o) => ({ ...o, accountId: book.accountId })),
    };
    await this.options.store.commit(stamped);
    book.apply(stamped);
    const { events, market, clock } = this.options;
    for (const o of stamped.orders)
      events.emit(book.accountId, { kind: "order", order: o.order });
    for (const e of stamped.executions)
      events.emit(book.accountId, { kind: "execution", execution: e });
    for (const p of stamped.positions)
      events.emit(book.accountId, {
        kind: "position",
        position: book.positionView(p.symbol, market.instrument(p.symbol)),
      });
    if (stamped.account)
      events.emit(book.accountId, {
        kind: "equity",
        equity: book.equity((s) => market.instrument(s), clock.now()),
      });
  }

  private async openOrder(
    book: AccountBook,
    orderId: string,
  ): Promise<BookOrder> {
    const found =
      book.orders.get(orderId) ??
      (await this.options.store.order(book.accountId, orderId));
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
      (await this.options.store.orderByClientId(book.accountId, clientOrderId))
    );
  }

  /** The latest quote: the watched one when the symbol is watched, else a fresh read. */
  private async quote(book: AccountBook, symbol: string): Promise<QuoteData> {
    const live = book.marks.get(symbol);
    if (live && this.watches.isWatching(symbol)) return live;
    const quote = await this.options.market.quote(symbol);
    if (!quote)
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

/** The stored answer to a repeated clientOrderId: the same status and body as the first time. */
function answerOf(earlier: BookOrder): Placement {
  if (earlier.order.status === OrderStatus.Rejected) {
    return {
      status: 422,
      order: earlier.order,
      error: new BrokerRejection(
        earlier.rejectCode ?? "INVALID_ORDER",
        earlier.order.rejectReason ?? "rejected",
        undefined,
        true,
      ),
    };
  }
  return { status: 201, order: earlier.order };
}
