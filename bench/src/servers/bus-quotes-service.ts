import type {
  QuoteData,
  QuoteUpdate,
  QuotesSubscriptionRequest,
} from "@tradewire/client";
import {
  marketChannel,
  type Bus,
  type TopicRef,
  type TopicUpdate,
} from "../backend";
import { symbolOf } from "../harness/quote-shape";
import { BenchQuotesService, topicIndex } from "./bench-quotes-service";

/**
 * The bus channel of one symbol's quotes: the market channel a leader publishes on, under the
 * namespace of one cluster, so that clusters sharing a Redis (two rigs of a run, other users of
 * the machine's Redis) never hear each other.
 */
export function quoteChannel(namespace: string, topic: number): string {
  return `${namespace}.${marketChannel(symbolOf(topic))}`;
}

/**
 * The bench quotes service of one instance in a cluster: it holds a bus subscription only for
 * the topics its own sockets hold (as the design has followers do), and feeds what arrives on
 * it to the topic's `topicUpdate`. Nothing is published locally: every update crosses the bus.
 */
export class BusQuotesService extends BenchQuotesService {
  private readonly stops = new Map<number, Promise<() => Promise<void>>>();

  constructor(
    private readonly bus: Bus,
    private readonly namespace: string,
  ) {
    super();
  }

  override async createTopic(
    topic: TopicRef<QuotesSubscriptionRequest>,
    update: TopicUpdate<QuoteUpdate>,
  ): Promise<void> {
    await super.createTopic(topic, update);
    if (topic.params.symbols.length !== 1) return;
    const index = topicIndex(topic);
    const subscribed = this.bus.subscribe(
      quoteChannel(this.namespace, index),
      (message) => this.publish(index, message as QuoteData),
    );
    this.stops.set(index, subscribed);
    await subscribed;
  }

  override async removeTopic(
    topic: TopicRef<QuotesSubscriptionRequest>,
  ): Promise<void> {
    await super.removeTopic(topic);
    const index = topicIndex(topic);
    const subscribed = this.stops.get(index);
    this.stops.delete(index);
    if (subscribed) await (await subscribed)();
  }
}
