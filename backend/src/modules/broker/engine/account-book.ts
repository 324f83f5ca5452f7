import {
  OrderStatus,
  OrderType,
  Side,
  type Equity,
  type Position,
  type QuoteData,
} from "@tradewire/client";
import type { InstrumentRules } from "../../../contracts/market-data";
import { cents, MARGIN_RATES, toAccountCurrency } from "../domain/money";
import { FLAT, unrealizedQuote } from "../domain/positions";
import type {
  AccountRecord,
  BookChange,
  StoredPosition,
} from "../store/broker-store";
import type { BookOrder } from "../store/rows";

export type InstrumentLookup = (symbol: string) => InstrumentRules | null;

const OPEN: ReadonlySet<number> = new Set([
  OrderStatus.Working,
  OrderStatus.Inactive,
  OrderStatus.Placing,
]);

export function isOpen(order: BookOrder): boolean {
  return OPEN.has(order.order.status);
}

/**
 * One account in memory: balances, open and recent orders, positions and the latest quote of
 * every symbol it holds or works. It changes only through `apply`, after the same change was
 * committed to the database.
 */
export class AccountBook {
  balance: number;
  realizedPl: number;
  executionSeq: number;
  readonly orders = new Map<string, BookOrder>();
  readonly byClientId = new Map<string, string>();
  readonly positions = new Map<string, StoredPosition>();
  readonly marks = new Map<string, QuoteData>();

  constructor(
    readonly accountId: string,
    readonly currency: string,
    record: AccountRecord,
    orders: readonly BookOrder[],
    positions: readonly StoredPosition[],
  ) {
    this.balance = record.balance;
    this.realizedPl = record.realizedPl;
    this.executionSeq = record.executionSeq;
    for (const o of orders) this.putOrder(o);
    for (const p of positions) this.positions.set(p.symbol, p);
  }

  apply(change: BookChange): void {
    for (const o of change.orders) this.putOrder(o);
    for (const p of change.positions) this.positions.set(p.symbol, p);
    if (change.account) {
      this.balance = change.account.balance;
      this.realizedPl = change.account.realizedPl;
      this.executionSeq = change.account.executionSeq;
    }
  }

  openOrders(symbol?: string): BookOrder[] {
    return [...this.orders.values()].filter(
      (o) => isOpen(o) && (symbol === undefined || o.order.symbol === symbol),
    );
  }

  position(symbol: string): StoredPosition {
    return this.positions.get(symbol) ?? { ...FLAT, symbol, updateTime: 0 };
  }

  /** Symbols whose quotes matter: open orders to match, open positions to mark. */
  watchedSymbols(): Set<string> {
    const symbols = new Set(this.openOrders().map((o) => o.order.symbol));
    for (const p of this.positions.values())
      if (p.netQty !== 0) symbols.add(p.symbol);
    return symbols;
  }

  /** The spec's Position, marked at the side a close would trade at (bid for a long, ask for a short). */
  positionView(symbol: string, instrument: InstrumentRules | null): Position {
    const p = this.position(symbol);
    const mark = this.markOf(symbol, p.netQty);
    const unrealized =
      instrument && mark !== null
        ? this.toAccount(
            unrealizedQuote(p, mark, instrument.pointValue),
            instrument,
            mark,
          )
        : 0;
    return {
      id: symbol,
      symbol,
      qty: Math.abs(p.netQty),
      side: p.netQty < 0 ? Side.Sell : Side.Buy,
      avgPrice: p.avgPrice,
      ...(mark !== null ? { lastPrice: mark } : {}),
      unrealizedPl: cents(unrealized),
      realizedPl: cents(p.realizedPl),
      updateTime: p.updateTime,
    };
  }

  equity(lookup: InstrumentLookup, now: number): Equity {
    const { unrealized, used } = this.exposure(lookup);
    const equity = this.balance + unrealized;
    return {
      accountId: this.accountId,
      currency: this.currency,
      balance: cents(this.balance),
      equity: cents(equity),
      unrealizedPl: cents(unrealized),
      realizedPl: cents(this.realizedPl),
      buyingPower: cents(
        Math.max(0, equity - used - this.reservedMargin(lookup)),
      ),
      time: now,
    };
  }

  /** Margin an order would add: nothing for the part that reduces the position. */
  orderMargin(
    symbol: string,
    side: Side,
    qty: number,
    price: number,
    instrument: InstrumentRules,
  ): number {
    const net = this.position(symbol).netQty;
    const reducing =
      Math.sign(net) === -side ? Math.min(qty, Math.abs(net)) : 0;
    const notional = this.toAccount(
      (qty - reducing) * price * instrument.pointValue,
      instrument,
      price,
    );
    return notional * MARGIN_RATES[instrument.type];
  }

  /** Unrealized P&L and margin of every open position. */
  exposure(lookup: InstrumentLookup): { unrealized: number; used: number } {
    let unrealized = 0;
    let used = 0;
    for (const p of this.positions.values()) {
      if (p.netQty === 0) continue;
      const instrument = lookup(p.symbol);
      const mark = this.markOf(p.symbol, p.netQty) ?? p.avgPrice;
      if (!instrument) continue;
      unrealized += this.toAccount(
        unrealizedQuote(p, mark, instrument.pointValue),
        instrument,
        mark,
      );
      used +=
        Math.abs(
          this.toAccount(
            p.netQty * mark * instrument.pointValue,
            instrument,
            mark,
          ),
        ) * MARGIN_RATES[instrument.type];
    }
    return { unrealized, used };
  }

  /** Margin held for working orders that would add exposure (brackets only ever reduce it). */
  reservedMargin(lookup: InstrumentLookup): number {
    let reserved = 0;
    for (const { order } of this.openOrders()) {
      if (order.parentId !== undefined || order.status !== OrderStatus.Working)
        continue;
      const instrument = lookup(order.symbol);
      if (!instrument) continue;
      const price =
        order.type === OrderType.Stop
          ? (order.stopPrice as number)
          : (order.limitPrice ?? this.marks.get(order.symbol)?.v.lp ?? 0);
      reserved += this.orderMargin(
        order.symbol,
        order.side,
        order.qty - order.filledQty,
        price,
        instrument,
      );
    }
    return reserved;
  }

  toAccount(
    amount: number,
    instrument: InstrumentRules,
    price: number,
  ): number {
    return toAccountCurrency(amount, instrument, price, this.currency) ?? 0;
  }

  private markOf(symbol: string, netQty: number): number | null {
    const quote = this.marks.get(symbol);
    if (!quote) return null;
    return netQty < 0 ? quote.v.ask : quote.v.bid;
  }

  private putOrder(o: BookOrder): void {
    this.orders.set(o.order.id, o);
    if (o.order.clientOrderId !== undefined)
      this.byClientId.set(o.order.clientOrderId, o.order.id);
  }
}
