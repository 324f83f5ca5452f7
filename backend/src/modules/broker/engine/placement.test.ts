import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import type { BrokerRejection } from "../domain/rejection";
import { accountBook, position, quote } from "../fixtures";
import { fakeCore } from "./core.fixture";
import { closingRequest, modifyOrder, placeOrder } from "./placement";

const AAPL_QUOTE = quote("AAPL", 99.99, 100.01, 100);
const noEarlier = () => Promise.resolve(null);

async function refusal(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (err) {
    const { code, field, message } = err as BrokerRejection;
    return { code, field, message };
  }
  throw new Error("not refused");
}

describe("placeOrder", () => {
  it("fills a marketable order at once and activates its brackets", async () => {
    const core = fakeCore([AAPL_QUOTE]);
    const book = accountBook(10_000);
    const placed = await placeOrder(
      core,
      book,
      {
        symbol: "AAPL",
        type: OrderType.Market,
        side: Side.Buy,
        qty: 10,
        takeProfit: 110,
      },
      noEarlier,
    );
    expect(placed.status).toBe(201);
    expect(placed.order).toMatchObject({
      status: OrderStatus.Filled,
      avgPrice: 100.01,
    });
    expect(book.position("AAPL")).toMatchObject({
      netQty: 10,
      avgPrice: 100.01,
    });
    expect(
      book
        .openOrders()
        .map((o) => [o.order.type, o.order.status, o.order.limitPrice]),
    ).toEqual([[OrderType.Limit, OrderStatus.Working, 110]]);
    expect(core.commits).toHaveLength(1);
  });

  it("rests a limit the market does not reach, snapped to the tick", async () => {
    const core = fakeCore([AAPL_QUOTE]);
    const book = accountBook(10_000);
    const placed = await placeOrder(
      core,
      book,
      {
        symbol: "AAPL",
        type: OrderType.Limit,
        side: Side.Buy,
        qty: 10,
        limitPrice: 95.000000001,
      },
      noEarlier,
    );
    expect(placed).toMatchObject({
      status: 201,
      order: { status: OrderStatus.Working, limitPrice: 95 },
    });
  });

  it("stores a placement the account cannot afford as Rejected and answers 422", async () => {
    const core = fakeCore([AAPL_QUOTE]);
    const book = accountBook(100);
    const placed = await placeOrder(
      core,
      book,
      {
        symbol: "AAPL",
        type: OrderType.Limit,
        side: Side.Buy,
        qty: 10,
        limitPrice: 95,
      },
      noEarlier,
    );
    expect(placed.status).toBe(422);
    expect(placed.order.status).toBe(OrderStatus.Rejected);
    expect("error" in placed && placed.error.code).toBe(
      "INSUFFICIENT_BUYING_POWER",
    );
    expect(book.orders.get(placed.order.id)?.rejectCode).toBe(
      "INSUFFICIENT_BUYING_POWER",
    );
    expect(book.openOrders()).toEqual([]);
  });

  it("stores a placement on a closed market as Rejected with MARKET_CLOSED", async () => {
    const core = fakeCore([AAPL_QUOTE], { trading: false });
    const placed = await placeOrder(
      core,
      accountBook(10_000),
      { symbol: "AAPL", type: OrderType.Market, side: Side.Buy, qty: 1 },
      noEarlier,
    );
    expect(placed).toMatchObject({
      status: 422,
      order: {
        status: OrderStatus.Rejected,
        rejectReason: "AAPL is not trading now",
      },
    });
  });

  it("refuses an unknown symbol or a malformed order without storing anything", async () => {
    const core = fakeCore([AAPL_QUOTE]);
    const book = accountBook(10_000);
    expect(
      await refusal(() =>
        placeOrder(
          core,
          book,
          { symbol: "NOPE", type: OrderType.Market, side: Side.Buy, qty: 1 },
          noEarlier,
        ),
      ),
    ).toEqual({
      code: "UNKNOWN_SYMBOL",
      field: "symbol",
      message: 'unknown symbol "NOPE"',
    });
    expect(
      await refusal(() =>
        placeOrder(
          core,
          book,
          { symbol: "AAPL", type: OrderType.Market, side: Side.Buy, qty: 1.5 },
          noEarlier,
        ),
      ),
    ).toMatchObject({ code: "INVALID_ORDER", field: "qty" });
    expect(core.commits).toEqual([]);
  });
});

describe("modifyOrder", () => {
  it("changes a working order through the same rules and gate, and leaves it alone when refused", async () => {
    const core = fakeCore([AAPL_QUOTE]);
    const book = accountBook(1000);
    const placed = await placeOrder(
      core,
      book,
      {
        symbol: "AAPL",
        type: OrderType.Limit,
        side: Side.Buy,
        qty: 10,
        limitPrice: 95,
      },
      noEarlier,
    );
    const target = () => book.orders.get(placed.order.id)!;
    expect(await modifyOrder(core, book, target(), { qty: 15 })).toMatchObject({
      qty: 15,
    });
    // 100 at 95 would hold 4750 margin of the 1000 the account has.
    expect(
      await refusal(() => modifyOrder(core, book, target(), { qty: 100 })),
    ).toMatchObject({
      code: "INSUFFICIENT_BUYING_POWER",
      field: "qty",
    });
    expect(target().order.qty).toBe(15);
  });
});

describe("closingRequest", () => {
  it("is the market order on the other side for all or part of the position", () => {
    const core = fakeCore([AAPL_QUOTE]);
    const book = accountBook(0, { positions: [position("AAPL", -7, 100)] });
    expect(closingRequest(core, book, "AAPL", undefined)).toEqual({
      symbol: "AAPL",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 7,
    });
    expect(closingRequest(core, book, "AAPL", 3).qty).toBe(3);
    expect(() => closingRequest(core, book, "AAPL", 8)).toThrow(
      "the position holds 7; cannot close 8",
    );
    expect(() => closingRequest(core, book, "ESZ6", undefined)).toThrow(
      "no open position in ESZ6",
    );
  });
});
