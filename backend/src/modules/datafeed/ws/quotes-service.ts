import type {
  QuoteData,
  QuoteUpdate,
  QuotesSubscriptionRequest,
} from "@tradewire/client";
import type { TopicRef, TopicUpdate, WsRouteService } from "../../../ws";
import type { MarketFeed } from "../live/market-feed";
import type { LiveFeed } from "../live/live-feed";
import type { FeedListener } from "../live/symbol-feed";
import type { SymbolCatalog } from "../symbol-catalog";
import { SymbolDeltas } from "./quote-deltas";

interface QuotesTopic {
  readonly feeds: { feed: LiveFeed; listener: FeedListener }[];
}

/**
 * `quotes {symbols[], delta?}`: one quote per symbol on subscribe, then one per symbol whose quote
 * moved; with `delta`, only the values that changed (`SymbolDeltas`).
 */
export class QuotesService implements WsRouteService<
  QuotesSubscriptionRequest,
  QuoteUpdate
> {
  private readonly topics = new Map<string, QuotesTopic>();

  constructor(
    private readonly catalog: SymbolCatalog,
    private readonly feed: MarketFeed,
  ) {}

  async createTopic(
    topic: TopicRef<QuotesSubscriptionRequest>,
    topicUpdate: TopicUpdate<QuoteUpdate>,
  ): Promise<void> {
    // Every name is checked before any symbol is started, so a refusal leaves nothing running.
    const entries = topic.params.symbols.map((s) => this.catalog.require(s));
    const acquired: LiveFeed[] = [];
    try {
      for (const entry of entries)
        acquired.push(await this.feed.acquire(entry));
    } catch (err) {
      for (const feed of acquired) this.feed.release(feed.entry.ticker);
      throw err;
    }
    const state: QuotesTopic = {
      feeds: acquired.map((feed) => {
        const publish = topic.params.delta
          ? quotePublisher(new SymbolDeltas(topicUpdate, feed.quote.quote()))
          : topicUpdate;
        const listener: FeedListener = (event) => {
          if (
            event.trades.length > 0 ||
            event.closed.length > 0 ||
            event.switched !== undefined
          )
            publish(feed.quote.quote());
        };
        feed.listeners.add(listener);
        return { feed, listener };
      }),
    };
    this.topics.set(topic.id, state);
  }

  removeTopic(topic: TopicRef<QuotesSubscriptionRequest>): void {
    const state = this.topics.get(topic.id);
    if (!state) return;
    this.topics.delete(topic.id);
    for (const { feed, listener } of state.feeds) {
      feed.listeners.delete(listener);
      this.feed.release(feed.entry.ticker);
    }
  }

  snapshot(topic: TopicRef<QuotesSubscriptionRequest>): readonly QuoteData[] {
    return (
      this.topics.get(topic.id)?.feeds.map(({ feed }) => feed.quote.quote()) ??
      []
    );
  }
}

function quotePublisher(deltas: SymbolDeltas): (quote: QuoteData) => void {
  return (quote) => deltas.publish(quote);
}
