import { OrderType, Side, type QuoteData } from "@tradewire/client";
import type { InstrumentRules } from "../../../contracts/market-data";
import { onGrid, tickSize } from "./money";
import { BrokerRejection } from "./rejection";

/** Largest quantity one order may carry, in units of the instrument. */
export const MAX_ORDER_QTY = 1_000_000;

export interface OrderPrices {
  readonly type: OrderType;
  readonly side: Side;
  readonly qty: number;
  readonly limitPrice?: number | undefined;
  readonly stopPrice?: number | undefined;
  readonly takeProfit?: number | undefined;
  readonly stopLoss?: number | undefined;
}

/**
 * Check an order against the instrument and the market before it reaches the book. Throws a
 * BrokerRejection naming the field at fault.
 */
export function checkOrder(
  order: OrderPrices,
  instrument: InstrumentRules,
  quote: QuoteData,
): void {
  if (order.qty > MAX_ORDER_QTY)
    throw invalid("qty", `quantity must be at most ${MAX_ORDER_QTY}`);
  if (!onGrid(order.qty, instrument.lotSize))
    throw invalid(
      "qty",
      `quantity must be a multiple of ${instrument.lotSize} for ${instrument.ticker}`,
    );
  const needsLimit =
    order.type === OrderType.Limit || order.type === OrderType.StopLimit;
  const needsStop =
    order.type === OrderType.Stop || order.type === OrderType.StopLimit;
  if (needsLimit && order.limitPrice === undefined)
    throw invalid(
      "limitPrice",
      "a limit price is required for this order type",
    );
  if (!needsLimit && order.limitPrice !== undefined)
    throw invalid("limitPrice", "this order type takes no limit price");
  if (needsStop && order.stopPrice === undefined)
    throw invalid("stopPrice", "a stop price is required for this order type");
  if (!needsStop && order.stopPrice !== undefined)
    throw invalid("stopPrice", "this order type takes no stop price");
  const tick = tickSize(instrument);
  for (const field of [
    "limitPrice",
    "stopPrice",
    "takeProfit",
    "stopLoss",
  ] as const) {
    const price = order[field];
    if (price !== undefined && !onGrid(price, tick))
      throw invalid(
        field,
        `price must be a multiple of the tick size ${tick} for ${instrument.ticker}`,
      );
  }
  const last = quote.v.lp;
  if (order.stopPrice !== undefined) {
    if (order.side === Side.Buy && order.stopPrice <= last)
      throw invalid(
        "stopPrice",
        `a buy stop must be above the last price ${last}`,
      );
    if (order.side === Side.Sell && order.stopPrice >= last)
      throw invalid(
        "stopPrice",
        `a sell stop must be below the last price ${last}`,
      );
  }
  checkBrackets(order, entryPrice(order, quote));
}

/** Where the order is expected to fill, to judge its take-profit and stop-loss against. */
export function entryPrice(order: OrderPrices, quote: QuoteData): number {
  if (order.type === OrderType.Limit || order.type === OrderType.StopLimit)
    return order.limitPrice as number;
  if (order.type === OrderType.Stop) return order.stopPrice as number;
  return order.side === Side.Buy ? quote.v.ask : quote.v.bid;
}

function checkBrackets(order: OrderPrices, entry: number): void {
  const { takeProfit, stopLoss } = order;
  if (order.side === Side.Buy) {
    if (takeProfit !== undefined && takeProfit <= entry)
      throw invalid(
        "takeProfit",
        `a buy's take-profit must be above its entry ${entry}`,
      );
    if (stopLoss !== undefined && stopLoss >= entry)
      throw invalid(
        "stopLoss",
        `a buy's stop-loss must be below its entry ${entry}`,
      );
  } else {
    if (takeProfit !== undefined && takeProfit >= entry)
      throw invalid(
        "takeProfit",
        `a sell's take-profit must be below its entry ${entry}`,
      );
    if (stopLoss !== undefined && stopLoss <= entry)
      throw invalid(
        "stopLoss",
        `a sell's stop-loss must be above its entry ${entry}`,
      );
  }
}

function invalid(field: string, message: string): BrokerRejection {
  return new BrokerRejection("INVALID_ORDER", message, field);
}
