import type { Bar, Side } from "@tradewire/client";

/** One simulated print. */
export interface Trade {
  /** UTC epoch ms, inside the minute that produced it; never decreasing within a minute. */
  readonly time: number;
  /** On the symbol's tick grid (a whole multiple of minmov / pricescale). */
  readonly price: number;
  /** In base units, a whole multiple of the symbol's lot size. */
  readonly size: number;
  /** Aggressor: 1 bought at the ask, -1 sold at the bid (the spec's `Side`). */
  readonly side: Side;
}

/**
 * A spec `Bar` plus what the datafeed keeps for aggregation: the volume-weighted average price
 * and the number of trades. `time` is the bucket's opening time, UTC ms.
 */
export interface MarketBar extends Bar {
  vwap: number;
  trades: number;
}

/** A 1-minute `MarketBar`, as the simulator produces and the store keeps. */
export type MinuteBar = MarketBar;
