import type { InstrumentRules } from "../../../contracts/market-data";
import { tickSize } from "./money";
import { BrokerRejection } from "./rejection";

/** What one order may carry (BROKER_MAX_ORDER_QTY, BROKER_PRICE_BAND). */
export interface OrderLimits {
  /** Largest quantity of one order, in units of the instrument. */
  readonly maxOrderQty: number;
  /** Prices must lie between last / priceBand and last x priceBand. */
  readonly priceBand: number;
}

/** Off-grid tolerance, in grid steps: float noise, not a real fraction of a lot or tick. */
const GRID_TOLERANCE = 1e-6;

/**
 * A quantity as the broker books it: a finite, whole, positive number of lots, at most the
 * limit, snapped to the lot grid (so 0.1 + 0.2 is booked as 0.3). Throws INVALID_ORDER naming
 * `field` otherwise; a quantity that rounds to zero lots is refused, never booked as 0.
 */
export function boundedQty(
  qty: unknown,
  field: string,
  instrument: InstrumentRules,
  limits: OrderLimits,
): number {
  const lot = instrument.lotSize;
  const value = finitePositive(qty, field);
  const lots = wholeSteps(value, lot);
  if (lots === 0)
    throw invalid(
      field,
      `${field} ${value} is less than one lot (${lot}) of ${instrument.ticker}`,
    );
  if (lots === null)
    throw invalid(
      field,
      `quantity must be a multiple of ${lot} for ${instrument.ticker}`,
    );
  if (value > limits.maxOrderQty)
    throw invalid(field, `quantity must be at most ${limits.maxOrderQty}`);
  return snap(lots, lot);
}

/**
 * A price as the broker books it: finite, a whole positive number of ticks, within the band
 * around the last price, snapped to the tick grid. Throws INVALID_ORDER naming `field` otherwise.
 */
export function boundedPrice(
  price: unknown,
  field: string,
  instrument: InstrumentRules,
  last: number,
  limits: OrderLimits,
): number {
  const tick = tickSize(instrument);
  const value = finitePositive(price, field);
  const ticks = wholeSteps(value, tick);
  if (ticks === 0)
    throw invalid(field, `${field} ${value} is less than one tick (${tick})`);
  if (ticks === null)
    throw invalid(
      field,
      `price must be a multiple of the tick size ${tick} for ${instrument.ticker}`,
    );
  const low = last / limits.priceBand;
  const high = last * limits.priceBand;
  if (value < low || value > high)
    throw invalid(
      field,
      `${field} must lie between ${snap(Math.ceil(low / tick), tick)} and ${snap(Math.floor(high / tick), tick)} (within ${limits.priceBand}x of the last price ${last})`,
    );
  return snap(ticks, tick);
}

function finitePositive(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw invalid(field, `${field} must be a finite number`);
  if (!(value > 0)) throw invalid(field, `${field} must be greater than 0`);
  return value;
}

/** How many whole steps `value` is: 0 when it rounds to none, null when it is off the grid. */
function wholeSteps(value: number, step: number): number | null {
  const units = value / step;
  const whole = Math.round(units);
  if (whole < 1) return 0;
  // Far from 1 the quotient itself carries float error; allow for it, never for a real fraction.
  return Math.abs(units - whole) < GRID_TOLERANCE + units * 1e-12
    ? whole
    : null;
}

/** `units` steps of `step`, printed without binary dust. */
function snap(units: number, step: number): number {
  return Number((units * step).toFixed(decimalsOf(step)));
}

function decimalsOf(step: number): number {
  let digits = 0;
  while (
    digits < 12 &&
    Math.abs(Math.round(step * 10 ** digits) - step * 10 ** digits) > 1e-9
  )
    digits += 1;
  return digits;
}

function invalid(field: string, message: string): BrokerRejection {
  return new BrokerRejection("INVALID_ORDER", message, field);
}
