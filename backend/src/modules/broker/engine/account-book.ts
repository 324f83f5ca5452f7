import {
  OrderStatus,
  Side,
  type Equity,
  type Position,
  type QuoteData,
} from "@tradewire/client";
import type { InstrumentRules } from "../../../contracts/market-data";
import { cents, toAccountCurrency } from "../domain/money";
import { FLAT, unrealizedQuote } from "../domain/positions";
import type {
  AccountRecord,
  BookChange,
  StoredPosition,
} from "../store/broker-store";
import type { BookOrder } from "../store/rows";
import {
  assess,
  markOf,
  type AccountRisk,
  type InstrumentLookup,
} from "./margin";

export type { InstrumentLookup } from "./margin";

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
  /** The account's version in the database this book reflects (see StaleBook). */
  version: number;
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
    this.version = record.version;
    for (const o of orders) this.putOrder(o);
    for (const p of positions) this.positions.set(p.symbol, p);
  }

  /**
   * Replace the whole state with what the database holds now, keeping the object (topics hold
   * it for their snapshots) and the marks.
   */
  reset(
    record: AccountRecord,
    orders: readonly BookOrder[],
    positions: readonly StoredPosition[],
  ): void {
    this.orders.clear();
    this.byClientId.clear();
    this.positions.clear();
    this.balance = record.balance;
    this.realizedPl = record.realizedPl;
    this.executionSeq = record.executionSeq;
    this.version = record.version;
    for (const o of orders) this.putOrder(o);
    for (const p of positions) this.positions.set(p.symbol, p);
  }

  /** Apply a committed change; `version` is the account's version after it. */
  apply(change: BookChange, version = this.version): void {
    this.version = version;
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
    const mark = markOf(this.marks.get(symbol), p.netQty);
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
    const risk = this.risk(lookup);
    return {
      accountId: this.accountId,
      currency: this.currency,
      balance: cents(this.balance),
      equity: cents(risk.equity),
      unrealizedPl: cents(risk.unrealized),
      realizedPl: cents(this.realizedPl),
      buyingPower: cents(Math.max(0, risk.buyingPower)),
      time: now,
    };
  }

  /** The account valued at its latest quotes: equity, margin and buying power. */
  risk(lookup: InstrumentLookup): AccountRisk {
    return assess(
      {
        currency: this.currency,
        balance: this.balance,
        positions: this.positions,
        orders: this.orders.values(),
        marks: this.marks,
      },
      lookup,
    );
  }

  toAccount(
    amount: number,
    instrument: InstrumentRules,
    price: number,
  ): number {
    return toAccountCurrency(amount, instrument, price, this.currency) ?? 0;
  }

  private putOrder(o: BookOrder): void {
    this.orders.set(o.order.id, o);
    if (o.order.clientOrderId !== undefined)
      this.byClientId.set(o.order.clientOrderId, o.order.id);
  }
}
