import { OrderType, Side } from "@tradewire/client";
import type {
  ModifyOrderRequest_Api_Backend,
  PlaceOrderRequest_Api_Backend,
} from "../../clients/api-types-generated";
import { SimulatedError } from "../simulatedError";

const takesLimit = (type: OrderType) =>
  type === OrderType.Limit || type === OrderType.StopLimit;
const takesStop = (type: OrderType) =>
  type === OrderType.Stop || type === OrderType.StopLimit;

function invalid(field: string, message: string): SimulatedError {
  return new SimulatedError("INVALID_ORDER", message, 400, field);
}

/** A price on the tick grid, within floating-point noise. */
export function onTickGrid(price: number, tick: number): boolean {
  const steps = price / tick;
  return Math.abs(steps - Math.round(steps)) < 1e-6;
}

function checkPrice(
  field: string,
  price: number | undefined,
  tick: number,
): void {
  if (price === undefined) return;
  if (!(price > 0)) throw invalid(field, `${field} must be greater than 0`);
  if (!onTickGrid(price, tick))
    throw invalid(
      field,
      `${field} ${price} is not a multiple of the tick size ${tick}`,
    );
}

/** A quantity of whole lots, refused as the real broker refuses it (same messages). */
function checkQty(qty: number, ticker: string, lot: number): void {
  const lots = qty / lot;
  const whole = Math.round(lots);
  if (whole < 1)
    throw invalid(
      "qty",
      `qty ${qty} is less than one lot (${lot}) of ${ticker}`,
    );
  // The broker's tolerance: float noise, growing with the quotient, never a real fraction.
  if (Math.abs(whole - lots) >= 1e-6 + lots * 1e-12)
    throw invalid("qty", `quantity must be a multiple of ${lot} for ${ticker}`);
}

/** Refuses what the real broker would refuse with 400, naming the field. */
export function validatePlace(
  req: PlaceOrderRequest_Api_Backend,
  tick: number | undefined,
  lot: number | undefined,
): void {
  if (tick === undefined)
    throw new SimulatedError(
      "UNKNOWN_SYMBOL",
      `unknown symbol ${JSON.stringify(req.symbol)}`,
      400,
      "symbol",
    );
  if (!(req.qty > 0)) throw invalid("qty", "quantity must be greater than 0");
  if (lot !== undefined) checkQty(req.qty, req.symbol, lot);
  if (takesLimit(req.type) && req.limitPrice === undefined)
    throw invalid("limitPrice", "a limit price is required");
  if (!takesLimit(req.type) && req.limitPrice !== undefined)
    throw invalid("limitPrice", "this order type takes no limit price");
  if (takesStop(req.type) && req.stopPrice === undefined)
    throw invalid("stopPrice", "a stop price is required");
  if (!takesStop(req.type) && req.stopPrice !== undefined)
    throw invalid("stopPrice", "this order type takes no stop price");
  for (const field of [
    "limitPrice",
    "stopPrice",
    "takeProfit",
    "stopLoss",
  ] as const)
    checkPrice(field, req[field], tick);
}

/** Take-profit above and stop-loss below the entry of a buy; the other way round for a sell. */
export function validateBracket(
  side: Side,
  entry: number,
  takeProfit: number | undefined,
  stopLoss: number | undefined,
): void {
  const sign = side === Side.Buy ? 1 : -1;
  if (takeProfit !== undefined && (takeProfit - entry) * sign <= 0)
    throw invalid(
      "takeProfit",
      `take-profit must be ${sign > 0 ? "above" : "below"} ${entry}`,
    );
  if (stopLoss !== undefined && (entry - stopLoss) * sign <= 0)
    throw invalid(
      "stopLoss",
      `stop-loss must be ${sign > 0 ? "below" : "above"} ${entry}`,
    );
}

export function validateModify(
  req: ModifyOrderRequest_Api_Backend,
  type: OrderType,
  tick: number,
  symbol: string,
  lot: number | undefined,
): void {
  if (Object.keys(req).length === 0) throw invalid("qty", "nothing to change");
  if (req.qty !== undefined && !(req.qty > 0))
    throw invalid("qty", "quantity must be greater than 0");
  if (req.qty !== undefined && lot !== undefined)
    checkQty(req.qty, symbol, lot);
  if (req.limitPrice !== undefined && !takesLimit(type))
    throw invalid("limitPrice", "this order type takes no limit price");
  if (req.stopPrice !== undefined && !takesStop(type))
    throw invalid("stopPrice", "this order type takes no stop price");
  for (const field of [
    "limitPrice",
    "stopPrice",
    "takeProfit",
    "stopLoss",
  ] as const)
    checkPrice(field, req[field], tick);
}

/** A stop must not be already touched: above the last price for a buy, below it for a sell. */
export function validateStop(
  side: Side,
  stopPrice: number | undefined,
  last: number,
): void {
  if (stopPrice === undefined) return;
  if (side === Side.Buy && stopPrice <= last)
    throw invalid(
      "stopPrice",
      `a buy stop must be above the last price ${last}`,
    );
  if (side === Side.Sell && stopPrice >= last)
    throw invalid(
      "stopPrice",
      `a sell stop must be below the last price ${last}`,
    );
}
