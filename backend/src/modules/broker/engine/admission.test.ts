import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import {
  AAPL,
  accountBook,
  bookOrder,
  lookup,
  position,
  quote,
} from "../fixtures";
import type { BrokerRejection } from "../domain/rejection";
import { admit, project } from "./admission";
import { fillChange, ordersOnly } from "./changes";
import { assess } from "./margin";
import { brackets } from "./order-factory";

const AAPL_QUOTE = quote("AAPL", 160, 162);
const buyLimit = (qty: number) =>
  bookOrder({
    symbol: "AAPL",
    type: OrderType.Limit,
    side: Side.Buy,
    qty,
    limitPrice: 100,
  });
const market = (side: Side, qty: number, extra = {}) =>
  bookOrder({ symbol: "AAPL", side, qty, ...extra });

/** Long 100 AAPL bought at 200, now bid 160: equity -3000, margin 8000, buying power -11000. */
function underWater() {
  return accountBook(1000, {
    positions: [position("AAPL", 100, 200)],
    marks: [AAPL_QUOTE],
  });
}

function summary(refusal: BrokerRejection | null) {
  if (!refusal) return null;
  const { code, field, recorded, message } = refusal;
  return { code, field, recorded, message };
}

describe("admit", () => {
  it("admits what leaves buying power at zero or more", () => {
    const book = accountBook(521, { marks: [AAPL_QUOTE] });
    // 10 at 100 holds 500 margin + 20 spread + 1 commission.
    expect(admit(book, ordersOnly(book, [buyLimit(10)]), lookup)).toBeNull();
  });

  it("refuses an order the account cannot afford, saying what it needs", () => {
    const book = accountBook(100, { marks: [AAPL_QUOTE] });
    expect(
      summary(admit(book, ordersOnly(book, [buyLimit(10)]), lookup)),
    ).toEqual({
      code: "INSUFFICIENT_BUYING_POWER",
      field: "qty",
      recorded: true,
      message: "the order needs 521.00 USD of margin; 100.00 is available",
    });
  });

  it("admits a change that fills nothing and holds less, even under water", () => {
    const working = buyLimit(10);
    const book = accountBook(100, { orders: [working], marks: [AAPL_QUOTE] });
    expect(book.risk(lookup).buyingPower).toBe(-421);
    const resized = (qty: number) =>
      ordersOnly(book, [{ ...working, order: { ...working.order, qty } }]);
    expect(admit(book, resized(5), lookup)).toBeNull();
    expect(summary(admit(book, resized(20), lookup))?.message).toBe(
      "the order needs 520.00 USD of margin; 0.00 is available",
    );
  });

  it("admits a fill that only reduces a position when buying power is negative", () => {
    const book = underWater();
    expect(book.risk(lookup).buyingPower).toBe(-11_000);
    const change = fillChange(book, market(Side.Sell, 50), 160, AAPL, 1);
    expect(assess(project(book, change), lookup).buyingPower).toBe(-7001);
    expect(admit(book, change, lookup)).toBeNull();
    const close = fillChange(book, market(Side.Sell, 100), 160, AAPL, 1);
    expect(admit(book, close, lookup)).toBeNull();
  });

  it("refuses a fill that adds to the position of an account under water", () => {
    const book = underWater();
    const change = fillChange(book, market(Side.Buy, 10), 162, AAPL, 1);
    expect(summary(admit(book, change, lookup))).toEqual({
      code: "INSUFFICIENT_BUYING_POWER",
      field: "qty",
      recorded: true,
      message: "the order needs 821.00 USD of margin; 0.00 is available",
    });
  });

  it("refuses a reducing fill that crosses through zero or starts brackets working", () => {
    const book = underWater();
    const crossing = fillChange(book, market(Side.Sell, 150), 160, AAPL, 1);
    expect(admit(book, crossing, lookup)?.code).toBe(
      "INSUFFICIENT_BUYING_POWER",
    );
    const parent = market(Side.Sell, 50, { takeProfit: 150 });
    const withBracket = fillChange(
      book,
      parent,
      160,
      AAPL,
      1,
      brackets(parent, 1),
    );
    expect(
      withBracket.orders.filter((o) => o.order.status === OrderStatus.Working),
    ).toHaveLength(1);
    expect(admit(book, withBracket, lookup)?.code).toBe(
      "INSUFFICIENT_BUYING_POWER",
    );
  });

  it("refuses anything when the account cannot be valued", () => {
    const book = accountBook(1000, {
      positions: [position("AAPL", 10, 150)],
      marks: [quote("AAPL", NaN, 162)],
    });
    expect(
      summary(admit(book, ordersOnly(book, [buyLimit(1)]), lookup))?.message,
    ).toBe("the account cannot be valued at the current prices");
  });
});

describe("project", () => {
  it("overlays the change on the book's working orders, positions and balance, leaving the book alone", () => {
    const kept = buyLimit(1);
    const replaced = buyLimit(2);
    const filled = { ...buyLimit(3) };
    const done = {
      ...filled,
      order: { ...filled.order, status: OrderStatus.Filled },
    };
    const book = accountBook(1000, {
      orders: [kept, replaced, done],
      positions: [position("AAPL", 10, 150)],
    });
    const cancelled = {
      ...replaced,
      order: { ...replaced.order, status: OrderStatus.Canceled },
    };
    const state = project(book, {
      accountId: book.accountId,
      orders: [cancelled],
      executions: [],
      positions: [position("ESZ6", 1, 6000)],
      account: { balance: 900, realizedPl: 0, executionSeq: 0 },
    });
    expect([...state.orders]).toEqual([kept, cancelled]);
    expect([...state.positions.keys()]).toEqual(["AAPL", "ESZ6"]);
    expect(state.balance).toBe(900);
    expect(book.balance).toBe(1000);
    expect(book.orders.get(replaced.order.id)).toBe(replaced);
    expect(book.positions.has("ESZ6")).toBe(false);
  });
});
