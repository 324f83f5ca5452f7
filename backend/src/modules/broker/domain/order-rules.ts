import { OrderType, Side, type QuoteData } from "@tradewire/client";
import type { InstrumentRules } from "../../../contracts/market-data";
import { boundedPrice, boundedQty, type OrderLimits } from "./order-bounds";
import { BrokerRejection } from "./rejection";

export interface OrderPrices {
  readonly type: OrderType;
  readonly side: Side;
  readonly qty: number;
  readonly limitPrice?: number | undefined;
  readonly stopPrice?: number | undefined;
  readonly takeProfit?: number | undefined;
  readonly stopLoss?: number | undefined;
}

/** An order's quantity and prices as the broker books them: checked, on the lot and tick grid. */
export interface NormalizedOrder {
  readonly qty: number;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
  readonly takeProfit?: number;
  readonly stopLoss?: number;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

const PRICE_FIELDS = [
  "limitPrice",
  "stopPrice",
  "takeProfit",
  "stopLoss",
] as const;

/**
 * Check an order against the instrument, the limits and the market before it reaches the book,
 * and return its quantity and prices snapped to the grid. Numbers are checked first, field by
 * field (finite, at least one lot or tick after rounding, on the grid, within bounds), then what
 * the type needs, then the sides of stops and brackets. Throws a BrokerRejection naming the field.
 */
export function checkOrder(
  order: OrderPrices,
  instrument: InstrumentRules,
  quote: QuoteData,
  limits: OrderLimits,
): NormalizedOrder {
  const last = quote.v.lp;
  const normalized: Writable<NormalizedOrder> = {
    qty: boundedQty(order.qty, "qty", instrument, limits),
  };
  for (const field of PRICE_FIELDS) {
    if (order[field] !== undefined)
      normalized[field] = boundedPrice(
        order[field],
        field,
        instrument,
        last,
        limits,
      );
  }
  const needsLimit =
    order.type === OrderType.Limit || order.type === OrderType.StopLimit;
  const needsStop =
    order.type === OrderType.Stop || order.type === OrderType.StopLimit;
  if (needsLimit && normalized.limitPrice === undefined)
    throw invalid(
      "limitPrice",
      "a limit price is required for this order type",
    );
  if (!needsLimit && normalized.limitPrice !== undefined)
    throw invalid("limitPrice", "this order type takes no limit price");
  if (needsStop && normalized.stopPrice === undefined)
    throw invalid("stopPrice", "a stop price is required for this order type");
  if (!needsStop && normalized.stopPrice !== undefined)
    throw invalid("stopPrice", "this order type takes no stop price");
  const { stopPrice } = normalized;
  if (stopPrice !== undefined) {
    if (order.side === Side.Buy && stopPrice <= last)
      throw invalid(
        "stopPrice",
        `a buy stop must be above the last price ${last}`,
      );
    if (order.side === Side.Sell && stopPrice >= last)
      throw invalid(
        "stopPrice",
        `a sell stop must be below the last price ${last}`,
      );
  }
  const checked = { ...normalized, type: order.type, side: order.side };
  checkBrackets(checked, entryPrice(checked, quote));
  return normalized;
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
