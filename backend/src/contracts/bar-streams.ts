import type { Bar } from "@tradewire/client";

/** One print, as the analytics module sees it. */
export interface TradePrint {
  /** UTC epoch ms. */
  readonly time: number;
  readonly price: number;
  readonly size: number;
}

/** What one symbol did at one resolution since the previous event. */
export interface BarStreamEvent {
  /** Trades printed since the previous event, oldest first (alerts evaluate each one). */
  readonly trades: readonly TradePrint[];
  /** Bars of the stream's resolution that closed since the previous event, oldest first, final. */
  readonly closed: readonly Bar[];
  /** The forming bar after those trades; null before its first trade. */
  readonly forming: Bar | null;
}

/** A live stream of one symbol at one resolution; keeps the symbol live until stopped. */
export interface BarStream {
  /** Up to the `history` closed bars asked for, oldest first, ending just before `forming`. */
  readonly history: readonly Bar[];
  /** The forming bar when the stream started; null before its first trade. */
  readonly forming: Bar | null;
  /** Idempotent. */
  stop(): void;
}

/**
 * Bars and trades as they happen, for modules that compute on them (indicators, alerts). The
 * datafeed provides it; unknown symbols and resolutions are refused with the datafeed's
 * `TopicError` (`UNKNOWN_SYMBOL`, `UNKNOWN_RESOLUTION`), so a channel passes the refusal on.
 */
export interface BarStreams {
  /**
   * Starts a stream: `history` closed bars (at most 5,000) before the forming bar, then every
   * event in order. No event is lost between the history and the first event, and none is
   * repeated: the first event's `closed` starts after `history`'s last bar.
   */
  stream(
    symbol: string,
    resolution: string,
    history: number,
    listener: (event: BarStreamEvent) => void,
  ): Promise<BarStream>;
  /** The start (UTC ms) of the trading session that contains `timeMs` (session VWAP resets there). */
  sessionStart(symbol: string, timeMs: number): number;
}
