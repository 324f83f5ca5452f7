import type { Bar } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { BarStream, BarStreamEvent } from "../../../contracts/bar-streams";
import { TopicError } from "../../../ws";
import type { BarHistory } from "../bar-history";
import type { HistoryQuery } from "../history-query";
import { wireBar } from "../wire-bar";
import type { CatalogEntry, ParsedResolution } from "../market";
import type { SymbolCatalog } from "../symbol-catalog";
import type { MarketFeed } from "./market-feed";
import { ResolutionBars } from "./resolution-bars";
import type { FeedEvent, FeedListener } from "./symbol-feed";

/** Most closed bars a stream starts with (the BarStreams contract). */
export const STREAM_HISTORY_MAX = 5_000;

export interface BarStreamDeps {
  readonly catalog: SymbolCatalog;
  readonly feed: MarketFeed;
  readonly history: BarHistory;
  readonly query: HistoryQuery;
  readonly log: FastifyBaseLogger;
}

/**
 * Opens live bar streams of any resolution on the market feed. The feed listener is added before
 * the history is read, so whatever the feed does meanwhile is folded into the start: nothing is
 * lost or repeated between `history` and the first event.
 */
export async function openBarStream(
  deps: BarStreamDeps,
  symbol: string,
  resolutionName: string,
  history: number,
  listener: (event: BarStreamEvent) => void,
): Promise<BarStream> {
  const entry = deps.catalog.require(symbol);
  const resolution = deps.catalog.requireResolution(resolutionName);
  if (!Number.isInteger(history) || history < 0 || history > STREAM_HISTORY_MAX)
    throw new TopicError(
      "INVALID_PARAMS",
      `history must be an integer from 0 to ${STREAM_HISTORY_MAX}`,
    );
  const feed = await deps.feed.acquire(entry);
  const pending: FeedEvent[] = [];
  let deliver: FeedListener = (event) => pending.push(event);
  const onEvent: FeedListener = (event) => deliver(event);
  feed.listeners.add(onEvent);
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    feed.listeners.delete(onEvent);
    deps.feed.release(entry.ticker);
  };
  try {
    const minuteStart = feed.minuteStart;
    const bars = new ResolutionBars(entry, resolution, minuteStart);
    const closed =
      history === 0
        ? []
        : await closedBefore(
            deps.query,
            entry,
            resolution,
            bars.bucket,
            history,
          );
    // From the session of the bucket in progress: its VWAP starts there.
    const from = bars.readStart(minuteStart);
    const minutes = await deps.query.minutes(entry, minuteStart);
    bars.advance(
      await minutes.range(entry.ticker, from, minuteStart),
      minuteStart,
    );
    for (const event of pending.splice(0))
      closed.push(...bars.advance(event.closed, feed.minuteStart));
    deliver = (event) => {
      const out: BarStreamEvent = {
        trades: event.trades,
        closed: bars.advance(event.closed, feed.minuteStart),
        forming: bars.current(feed.formingMinute()),
      };
      try {
        listener(out);
      } catch (err) {
        deps.log.error(
          { err, symbol: entry.ticker },
          "bar stream listener failed",
        );
      }
    };
    return {
      history: history === 0 ? [] : closed.slice(-history),
      forming: bars.current(feed.formingMinute()),
      stop,
    };
  } catch (err) {
    stop();
    throw err;
  }
}

/** The `count` newest bars that closed before `bucket`, as /bars serves them. */
async function closedBefore(
  query: HistoryQuery,
  entry: CatalogEntry,
  resolution: ParsedResolution,
  bucket: number,
  count: number,
): Promise<Bar[]> {
  // One more than asked: minutes before `bucket` can already belong to it (an evening session).
  const { bars } = await query.bars(entry, resolution, 0, bucket, count + 1);
  return bars
    .filter((b) => b.time < bucket)
    .slice(-count)
    .map(wireBar);
}
