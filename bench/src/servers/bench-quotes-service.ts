import type {
  QuoteData,
  QuoteUpdate,
  QuotesSubscriptionRequest,
} from "@tradewire/client";
import type { TopicRef, TopicUpdate, WsRouteService } from "../backend";
import { indexOfSymbol } from "../harness/quote-shape";

/** The symbol index of a one-symbol quotes topic (the schedule's topic number). */
export function topicIndex(topic: TopicRef<QuotesSubscriptionRequest>): number {
  return indexOfSymbol(topic.params.symbols[0] ?? "SYM000");
}

/**
 * A quotes service as a feature module would write it: it starts publishing a topic when the
 * router creates it and stops when the router removes it, and a new subscriber gets the latest
 * quote of each of the topic's symbols. Here "publishing" is the benchmark's schedule calling
 * `publish`, which goes through the topic's `topicUpdate`. The schedule publishes one-symbol
 * topics; a topic of several symbols (the hostile scenario's) only ever gets its snapshot.
 */
export class BenchQuotesService implements WsRouteService<
  QuotesSubscriptionRequest,
  QuoteUpdate
> {
  private readonly updates: (TopicUpdate<QuoteUpdate> | undefined)[] = [];
  private readonly latest: (QuoteData | undefined)[] = [];

  createTopic(
    topic: TopicRef<QuotesSubscriptionRequest>,
    update: TopicUpdate<QuoteUpdate>,
  ): void | Promise<void> {
    if (topic.params.symbols.length === 1)
      this.updates[topicIndex(topic)] = update;
  }

  removeTopic(
    topic: TopicRef<QuotesSubscriptionRequest>,
  ): void | Promise<void> {
    if (topic.params.symbols.length === 1)
      this.updates[topicIndex(topic)] = undefined;
  }

  snapshot(topic: TopicRef<QuotesSubscriptionRequest>): QuoteData[] {
    const quotes: QuoteData[] = [];
    for (const symbol of topic.params.symbols) {
      const quote = this.latest[indexOfSymbol(symbol)];
      if (quote) quotes.push(quote);
    }
    return quotes;
  }

  /**
   * `whole`: given with a delta (`data`), the quote it leaves, as the datafeed passes it. Returns
   * the update's seq (0 while the topic has no subscriber).
   */
  publish(topic: number, data: QuoteUpdate, whole?: QuoteData): number {
    this.latest[topic] = whole ?? (data as QuoteData);
    return this.updates[topic]?.(data, whole) ?? 0;
  }
}
