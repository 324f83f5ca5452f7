import { MINUTE_MS } from "@tradewire/client";
import { simulateMinute, type MinuteBar, type Trade } from "../market";
import type { BarHistory } from "../bar-history";
import type { FeedEvent, SymbolFeed } from "./symbol-feed";

/** Where the market stands: the minute in progress, its previous close and trades released. */
export interface MarketPosition {
  readonly minute: number;
  readonly prevClose: number;
  readonly index: number;
}

/**
 * Brings a feed that missed part of the market to `target`, telling its listeners each trade and
 * closed minute once: the rest of the minute it was in (recomputed: the market is a pure function
 * of seed, symbol, minute and previous close), the `closed` minutes it lacks (stored ones, newer
 * than what it has), then the target minute's trades up to `target.index`.
 */
export function repairFeed(
  feed: SymbolFeed,
  seed: number,
  closed: readonly MinuteBar[],
  target: MarketPosition,
): FeedEvent {
  const trades: Trade[] = [];
  const release = (
    minute: number,
    prevClose: number,
    from: number,
    to: number,
  ) => {
    if (to <= from) return;
    const rest = simulateMinute(
      feed.entry,
      seed,
      minute,
      prevClose,
    ).trades.slice(from, to);
    feed.applyTrades(rest);
    for (const t of rest) trades.push(t);
    feed.quotedUntil = Math.max(feed.quotedUntil, minute + MINUTE_MS);
  };
  if (target.minute > feed.minuteStart && feed.delivered > 0)
    release(
      feed.minuteStart,
      feed.previousClose,
      feed.delivered,
      Number.POSITIVE_INFINITY,
    );
  applyBars(feed, closed);
  feed.followMinute(target.minute, target.prevClose);
  release(target.minute, target.prevClose, feed.delivered, target.index);
  return { trades, closed };
}

/**
 * A follower's feed taken over by this instance, now the leader: the minutes stored by the old
 * leader it had not heard of (`unseen`) and those it now stores itself up to `current` reach its
 * listeners once, then it simulates the current minute after the trades it already delivered.
 */
export async function takeOverFeed(
  feed: SymbolFeed,
  history: BarHistory,
  seed: number,
  current: number,
  unseen: readonly MinuteBar[],
): Promise<void> {
  const made = await history.catchUp(feed.entry, current);
  const { lastClose } = history.cursor(feed.entry.ticker);
  const index = feed.minuteStart === current ? feed.delivered : 0;
  feed.emit(
    repairFeed(feed, seed, [...unseen, ...made], {
      minute: current,
      prevClose: lastClose,
      index,
    }),
  );
  feed.resumeMinute(current, lastClose);
}

/** Closed minutes (ascending) whose trades the feed never had go into its quote as bars. */
export function applyBars(feed: SymbolFeed, bars: readonly MinuteBar[]): void {
  for (const bar of bars) {
    if (bar.time < feed.quotedUntil) continue;
    feed.quote.applyBar(bar);
    feed.quotedUntil = bar.time + MINUTE_MS;
  }
}
