import {
  OrderStatus,
  OrderType,
  type Order,
  type QuoteData,
  type Side,
} from "@tradewire/client";
import type { InstrumentRules } from "../../contracts/market-data";
import { AccountBook } from "./engine/account-book";
import type { InstrumentLookup } from "./engine/margin";
import type { StoredPosition } from "./store/broker-store";
import type { BookOrder } from "./store/rows";

// Shared values for the unit tests beside the broker's domain and engine files: a few
// instruments of each margin class, quotes, orders and books built from plain numbers.

export const AAPL: InstrumentRules = {
  ticker: "AAPL",
  description: "Apple Inc.",
  type: "stock",
  minmov: 1,
  pricescale: 100,
  lotSize: 1,
  currency: "USD",
  pointValue: 1,
  marginRate: 0.5,
};

export const ES: InstrumentRules = {
  ticker: "ESZ6",
  description: "E-mini S&P 500",
  type: "futures",
  minmov: 25,
  pricescale: 100,
  lotSize: 1,
  currency: "USD",
  pointValue: 50,
  marginRate: 0.05,
};

export const BTC: InstrumentRules = {
  ticker: "BTCUSD",
  description: "Bitcoin / U.S. Dollar",
  type: "crypto",
  minmov: 1,
  pricescale: 100,
  lotSize: 0.0001,
  currency: "USD",
  pointValue: 1,
  marginRate: 0.5,
};

export const USDJPY: InstrumentRules = {
  ticker: "USDJPY",
  description: "U.S. Dollar / Japanese Yen",
  type: "forex",
  minmov: 1,
  pricescale: 1000,
  lotSize: 1000,
  currency: "JPY",
  pointValue: 1,
  marginRate: 1 / 30,
};

export const lookup: InstrumentLookup = (symbol) =>
  [AAPL, ES, BTC, USDJPY].find((i) => i.ticker === symbol) ?? null;

export function quote(
  symbol: string,
  bid: number,
  ask: number,
  lp = (bid + ask) / 2,
): QuoteData {
  return {
    s: "ok",
    n: symbol,
    v: {
      lp,
      ask,
      bid,
      spread: ask - bid,
      ch: 0,
      chp: 0,
      open_price: lp,
      high_price: lp,
      low_price: lp,
      prev_close_price: lp,
      volume: 0,
    },
  };
}

let nextOrder = 0;

/** A working order with the given fields; ids are unique within a test run. */
export function bookOrder(
  fields: Partial<Order> & { symbol: string; side: Side; qty: number },
  extra: Partial<Omit<BookOrder, "order">> = {},
): BookOrder {
  nextOrder += 1;
  return {
    order: {
      id: `ord_${nextOrder}`,
      type: OrderType.Market,
      status: OrderStatus.Working,
      filledQty: 0,
      duration: { type: "DAY" },
      createTime: 0,
      updateTime: 0,
      ...fields,
    },
    accountId: "acc_1",
    stopTriggered: false,
    rejectCode: null,
    clientRequest: null,
    ...extra,
  };
}

export function position(
  symbol: string,
  netQty: number,
  avgPrice: number,
  realizedPl = 0,
): StoredPosition {
  return { symbol, netQty, avgPrice, realizedPl, updateTime: 0 };
}

/** A USD account with `balance`, the given orders and positions, and the given latest quotes. */
export function accountBook(
  balance: number,
  {
    orders = [],
    positions = [],
    marks = [],
  }: {
    orders?: readonly BookOrder[];
    positions?: readonly StoredPosition[];
    marks?: readonly QuoteData[];
  } = {},
): AccountBook {
  const book = new AccountBook(
    "acc_1",
    "USD",
    {
      accountId: "acc_1",
      currency: "USD",
      balance,
      realizedPl: 0,
      executionSeq: 0,
      version: 0,
    },
    orders,
    positions,
  );
  for (const m of marks) book.marks.set(m.n, m);
  return book;
}
