import type { components } from "@tradewire/client";
import type { MarketBar } from "../market";

export type Adjustment = components["schemas"]["Adjustment"];
export type RollPolicy = components["schemas"]["RollPolicy"];
export type Roll = components["schemas"]["Roll"];

/** A roll as stored: what it is, before the cumulative adjustment of later rolls. */
export interface RollFact {
  readonly time: number;
  readonly tradingDay: number;
  readonly from: string;
  readonly to: string;
  readonly fromClose: number;
  readonly toClose: number;
}

/**
 * The rolls with the gap each removes and the cumulative offset and factor applied to the bars
 * before each one: back-adjustment accumulates from the newest roll backwards, so the newest
 * contract's prices are never changed and each older stretch is shifted by every later roll.
 */
export function withAdjustments(facts: readonly RollFact[]): Roll[] {
  const sorted = [...facts].sort((a, b) => a.time - b.time);
  const rolls: Roll[] = new Array<Roll>(sorted.length);
  let offset = 0;
  let factor = 1;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const fact = sorted[i] as RollFact;
    const difference = fact.toClose - fact.fromClose;
    const ratio = fact.toClose / fact.fromClose;
    offset += difference;
    factor *= ratio;
    rolls[i] = { ...fact, difference, ratio, offset, factor };
  }
  return rolls;
}

/** A price transform of one stretch of the series (between two rolls). */
export type PriceAdjust = (price: number) => number;

const UNCHANGED: PriceAdjust = (price) => price;

/**
 * The transform of the stretch served before `roll` (the oldest later roll), or none after the
 * last roll. Prices are not rounded to the tick grid, as TradingView does not: a `difference`
 * of two prices on the grid stays on it, a `ratio`-adjusted price generally is not.
 */
export function adjustmentBefore(
  roll: Roll | undefined,
  adjustment: Adjustment,
): PriceAdjust {
  if (roll === undefined || adjustment === "none") return UNCHANGED;
  if (adjustment === "difference") {
    const { offset } = roll;
    return (price) => price + offset;
  }
  const { factor } = roll;
  return (price) => price * factor;
}

/** A bar with its prices transformed; volume and trade count are the contract's own. */
export function adjustBar<B extends MarketBar>(bar: B, adjust: PriceAdjust): B {
  if (adjust === UNCHANGED) return bar;
  return {
    ...bar,
    open: adjust(bar.open),
    high: adjust(bar.high),
    low: adjust(bar.low),
    close: adjust(bar.close),
    vwap: adjust(bar.vwap),
  };
}
