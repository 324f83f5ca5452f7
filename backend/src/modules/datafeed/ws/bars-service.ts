import type { Bar, BarsSubscriptionRequest } from "@tradewire/client";
import type { TopicRef, TopicUpdate, WsRouteService } from "../../../ws";
import type { SymbolCatalog } from "../symbol-catalog";
import { FormingBar } from "../live/forming-bar";
import type { MarketFeed } from "../live/market-feed";
import type { LiveFeed } from "../live/live-feed";
import type { FeedListener } from "../live/symbol-feed";
import type { HistoryQuery } from "../history-query";

interface BarsTopic {
  readonly feed: LiveFeed;
  readonly forming: FormingBar;
  readonly listener: FeedListener;
  last: Bar | null;
}

/**
 * `bars {symbol, resolution}`: the forming bar on subscribe, then the forming bar again whenever a
 * trade changes it. Only the newest bar is ever sent, so the Charting Library's rule that an
 * update never touches an older bar holds.
 */
export class BarsService implements WsRouteService<
  BarsSubscriptionRequest,
  Bar
> {
  private readonly topics = new Map<string, BarsTopic>();

  constructor(
    private readonly catalog: SymbolCatalog,
    private readonly feed: MarketFeed,
    private readonly query: HistoryQuery,
  ) {}

  async createTopic(
    topic: TopicRef<BarsSubscriptionRequest>,
    topicUpdate: TopicUpdate<Bar>,
  ): Promise<void> {
    const entry = this.catalog.require(topic.params.symbol);
    const resolution = this.catalog.requireResolution(topic.params.resolution);
    const feed = await this.feed.acquire(entry);
    try {
      const forming = new FormingBar(entry, resolution);
      // Closed minutes of the bucket in progress, and of its session for the VWAP, come from the
      // history; the rest arrive live.
      const start = forming.periods.readStart(feed.minuteStart);
      const minutes = await this.query.minutes(entry, feed.minuteStart);
      for (const bar of await minutes.range(
        entry.ticker,
        start,
        feed.minuteStart,
      ))
        forming.addClosed(bar);
      const state: BarsTopic = {
        feed,
        forming,
        last: null,
        listener: (event) => {
          for (const bar of event.closed) forming.addClosed(bar);
          const bar = forming.current(feed.formingMinute());
          if (bar && changed(state.last, bar)) {
            state.last = bar;
            topicUpdate(bar);
          }
        },
      };
      state.last = forming.current(feed.formingMinute());
      feed.listeners.add(state.listener);
      this.topics.set(topic.id, state);
    } catch (err) {
      this.feed.release(entry.ticker);
      throw err;
    }
  }

  removeTopic(topic: TopicRef<BarsSubscriptionRequest>): void {
    const state = this.topics.get(topic.id);
    if (!state) return;
    this.topics.delete(topic.id);
    state.feed.listeners.delete(state.listener);
    this.feed.release(state.feed.entry.ticker);
  }

  snapshot(topic: TopicRef<BarsSubscriptionRequest>): readonly Bar[] {
    const last = this.topics.get(topic.id)?.last;
    return last ? [last] : [];
  }
}

function changed(previous: Bar | null, next: Bar): boolean {
  if (previous === null) return true;
  if (next.time < previous.time) return false;
  return (
    next.time !== previous.time ||
    next.close !== previous.close ||
    next.high !== previous.high ||
    next.low !== previous.low ||
    next.volume !== previous.volume ||
    next.vwap !== previous.vwap
  );
}
