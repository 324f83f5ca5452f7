import {
  OrderStatus,
  OrderType,
  Side,
  type components,
  type Order,
} from "@tradewire/client";
import type { InstrumentRules } from "../../../contracts/market-data";
import { fillPrice } from "../domain/matching";
import { boundedQty } from "../domain/order-bounds";
import { checkOrder } from "../domain/order-rules";
import { BrokerRejection } from "../domain/rejection";
import type { BookOrder } from "../store/rows";
import type { AccountBook } from "./account-book";
import { admit } from "./admission";
import { fillChange, ordersOnly } from "./changes";
import { clientRequestOf, repeatedPlacement } from "./client-orders";
import type { EngineCore } from "./core";
import { brackets, newOrder, resyncBrackets } from "./order-factory";
import type { Placement } from "./placement-result";

type PlaceOrderRequest = components["schemas"]["PlaceOrderRequest"];
type ModifyOrderRequest = components["schemas"]["ModifyOrderRequest"];

/**
 * Place an order on a locked account: checked by the order rules (400, nothing stored), refused
 * by the market or the admission gate (422, stored Rejected), else committed working or, when the
 * market already reaches it, filled with its brackets activated.
 */
export async function placeOrder(
  core: EngineCore,
  book: AccountBook,
  request: PlaceOrderRequest,
  findByClientId: (id: string) => Promise<BookOrder | null>,
): Promise<Placement> {
  const now = core.clock.now();
  if (request.clientOrderId !== undefined) {
    const earlier = await findByClientId(request.clientOrderId);
    if (earlier) return repeatedPlacement(earlier, request);
  }
  const instrument = tradedInstrument(core, request.symbol);
  const quote = await core.quote(book, instrument.ticker);
  const normalized = checkOrder(request, instrument, quote, core.limits);
  if (book.toAccount(1, instrument, quote.v.lp) === 0) {
    throw new BrokerRejection(
      "INVALID_ORDER",
      `${instrument.ticker} is quoted in ${instrument.currency}, which this ${book.currency} account cannot settle`,
      "symbol",
    );
  }
  const order = newOrder(
    { ...request, ...normalized },
    instrument.ticker,
    now,
    request.clientOrderId !== undefined ? clientRequestOf(request) : null,
    core.requestId,
  );
  const children = brackets(order, now);
  const price = fillPrice(order.order, quote, false);
  const change =
    price === null
      ? ordersOnly(book, [order, ...children])
      : fillChange(book, order, price, instrument, now, children);
  const refusal = core.market.isTrading(instrument.ticker, now)
    ? admit(book, change, core.lookup)
    : new BrokerRejection(
        "MARKET_CLOSED",
        `${instrument.ticker} is not trading now`,
        "symbol",
        true,
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
    await core.commit(book, ordersOnly(book, [rejected]));
    return { status: 422, order: rejected.order, error: refusal };
  }
  await core.commit(book, change);
  return {
    status: 201,
    order: (book.orders.get(order.order.id) as BookOrder).order,
  };
}

/**
 * Modify a working or inactive order on a locked account. The result passes the same order rules
 * and the same admission gate as a new order; a refusal leaves the order as it was.
 */
export async function modifyOrder(
  core: EngineCore,
  book: AccountBook,
  target: BookOrder,
  request: ModifyOrderRequest,
): Promise<Order> {
  const instrument = tradedInstrument(core, target.order.symbol);
  if (target.stopTriggered && request.stopPrice !== undefined)
    throw new BrokerRejection(
      "INVALID_ORDER",
      "the stop has triggered: the order rests as a limit and its stop price can no longer change",
      "stopPrice",
    );
  const now = core.clock.now();
  const merged: Order = { ...target.order, ...request, updateTime: now };
  const quote = await core.quote(book, instrument.ticker);
  // A stop-limit whose stop has triggered rests as a limit: its stop price is history.
  const normalized = checkOrder(
    target.stopTriggered
      ? { ...merged, stopPrice: undefined, type: OrderType.Limit }
      : merged,
    instrument,
    quote,
    core.limits,
  );
  const next: Order = { ...merged, ...normalized };
  if (next.qty < target.order.filledQty)
    throw new BrokerRejection(
      "INVALID_ORDER",
      "quantity cannot go below what has filled",
      "qty",
    );
  const modified: BookOrder = { ...target, order: next };
  const change = ordersOnly(book, [
    modified,
    ...resyncBrackets(book, modified, now),
  ]);
  const refusal = admit(book, change, core.lookup);
  if (refusal)
    throw new BrokerRejection(refusal.code, refusal.message, refusal.field);
  await core.commit(book, change);
  return next;
}

/** The market order that closes `symbol`'s position, fully or by `qty` lots' worth. */
export function closingRequest(
  core: EngineCore,
  book: AccountBook,
  symbol: string,
  qty: number | undefined,
): PlaceOrderRequest {
  const position = book.positions.get(symbol);
  const instrument = core.market.instrument(symbol);
  if (!position || position.netQty === 0 || !instrument)
    throw new BrokerRejection("NOT_FOUND", `no open position in ${symbol}`);
  const open = Math.abs(position.netQty);
  const closing =
    qty === undefined ? open : boundedQty(qty, "qty", instrument, core.limits);
  if (closing > open)
    throw new BrokerRejection(
      "INVALID_ORDER",
      `the position holds ${open}; cannot close ${closing}`,
      "qty",
    );
  return {
    symbol,
    type: OrderType.Market,
    side: position.netQty > 0 ? Side.Sell : Side.Buy,
    qty: closing,
  };
}

function tradedInstrument(core: EngineCore, symbol: string): InstrumentRules {
  const instrument = core.market.instrument(symbol);
  if (!instrument)
    throw new BrokerRejection(
      "UNKNOWN_SYMBOL",
      `unknown symbol ${JSON.stringify(symbol)}`,
      "symbol",
    );
  if (instrument.notTradable !== undefined)
    throw new BrokerRejection(
      "INVALID_ORDER",
      instrument.notTradable,
      "symbol",
    );
  return instrument;
}
