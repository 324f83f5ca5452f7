import { OrderType, Side, type components } from "@tradewire/client";
import { DEFAULT_BROKER_LIMITS } from "../../../src/modules/broker/config";
import { CONTROLLED_INSTRUMENTS } from "../../support/controlled-market";
import type { TestAccount, World } from "./world";

/** How the property test builds the orders it sends: well formed, or with one hostile number. */

export type PlaceOrderRequest = components["schemas"]["PlaceOrderRequest"];
/** The numeric fields of an order, each of which a hostile value may take. */
export const FIELDS = [
  "qty",
  "limitPrice",
  "stopPrice",
  "takeProfit",
  "stopLoss",
] as const;
export type Field = (typeof FIELDS)[number];

/** Values no order may carry; `offGrid`, `farAbove` and `farBelow` are made relative to the order. */
export const HOSTILE_VALUES = [
  NaN,
  Infinity,
  -Infinity,
  0,
  -0,
  -1,
  5e-11,
  1e-300,
  Number.MIN_VALUE,
  1e300,
  Number.MAX_VALUE,
  "offGrid",
  "farAbove",
  "farBelow",
] as const;
export type HostileValue = (typeof HOSTILE_VALUES)[number];
export interface Hostile {
  readonly field: Field;
  readonly value: HostileValue;
}

/** Margin share per asset class (README), to size orders against buying power. */
const MARGIN_SHARE: Readonly<
  Record<(typeof CONTROLLED_INSTRUMENTS)[number]["type"], number>
> = {
  stock: 0.5,
  crypto: 0.5,
  futures: 0.05,
  index: 0.05,
  forex: 1 / 30,
};
export const SYMBOLS = CONTROLLED_INSTRUMENTS.map((i) => i.ticker);
export const MAX_QTY = DEFAULT_BROKER_LIMITS.maxOrderQty;
const BAND = DEFAULT_BROKER_LIMITS.priceBand;

export function rulesOf(symbol: string) {
  const rules = CONTROLLED_INSTRUMENTS.find((i) => i.ticker === symbol);
  if (!rules) throw new Error(`no instrument ${symbol}`);
  return { ...rules, tick: rules.minmov / rules.pricescale };
}

/** `value` rounded to the nearest whole, positive number of `step`s, without binary dust. */
export function snap(value: number, step: number): number {
  const units = Math.max(1, Math.round(value / step));
  let digits = 0;
  while (Math.abs(Math.round(step * 10 ** digits) - step * 10 ** digits) > 1e-9)
    digits += 1;
  return Number((units * step).toFixed(digits));
}

export function hostileNumber(
  hostile: Hostile,
  base: number,
  symbol: string,
  last: number,
): number {
  const { lotSize, tick } = rulesOf(symbol);
  const qty = hostile.field === "qty";
  switch (hostile.value) {
    case "offGrid":
      return base + (qty ? lotSize : tick) * 0.37;
    case "farAbove":
      return qty ? MAX_QTY * 2 : last * BAND * 1.5;
    case "farBelow":
      return qty ? lotSize * 0.4 : last / BAND / 1.5;
    default:
      return hostile.value;
  }
}

export interface PlaceSpec {
  readonly account: number;
  readonly symbol: string;
  readonly type: OrderType;
  readonly side: Side;
  readonly size: number;
  readonly offset: number;
  readonly stopOffset: number;
  readonly takeProfit: number | null;
  readonly stopLoss: number | null;
  readonly gtc: boolean;
  readonly clientOrderId: string | null;
  readonly hostile: Hostile | null;
}

export function placeRequest(world: World, spec: PlaceSpec): PlaceOrderRequest {
  const account = world.accounts[spec.account] as TestAccount;
  const rules = rulesOf(spec.symbol);
  const q = world.market.current(spec.symbol).v;
  const price = (x: number) => snap(x, rules.tick);
  const unit =
    rules.currency === "USD" ? q.lp * rules.pointValue : rules.pointValue;
  // Sized against what the account can still afford, so orders often use most of it.
  const free = Math.max(
    world.book(account.id).risk((s) => world.market.instrument(s)).buyingPower,
    account.start / 50,
  );
  const qty = snap(
    Math.min((spec.size * free) / MARGIN_SHARE[rules.type] / unit, MAX_QTY / 2),
    rules.lotSize,
  );
  const request: PlaceOrderRequest = {
    symbol: spec.symbol,
    type: spec.type,
    side: spec.side,
    qty,
    duration: { type: spec.gtc ? "GTC" : "DAY" },
  };
  if (spec.type === OrderType.Stop || spec.type === OrderType.StopLimit)
    request.stopPrice = price(q.lp * (1 + spec.side * spec.stopOffset));
  if (spec.type === OrderType.Limit)
    request.limitPrice = price(q.lp * (1 + spec.offset));
  if (spec.type === OrderType.StopLimit)
    request.limitPrice = price(
      (request.stopPrice as number) *
        (1 + (spec.side * Math.abs(spec.offset)) / 2),
    );
  const entry =
    request.limitPrice ??
    request.stopPrice ??
    (spec.side === Side.Buy ? q.ask : q.bid);
  if (spec.takeProfit !== null)
    request.takeProfit = price(entry * (1 + spec.side * spec.takeProfit));
  if (spec.stopLoss !== null)
    request.stopLoss = price(entry * (1 - spec.side * spec.stopLoss));
  if (spec.clientOrderId !== null) request.clientOrderId = spec.clientOrderId;
  if (spec.hostile) {
    const field = spec.hostile.field;
    request[field] = hostileNumber(
      spec.hostile,
      request[field] ?? q.lp,
      spec.symbol,
      q.lp,
    );
  }
  return request;
}
