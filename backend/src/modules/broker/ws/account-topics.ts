import type { FastifyBaseLogger } from "fastify";
import { publishing } from "../../../telemetry/tracer";
import type { TopicRef, TopicUpdate, WsRouteService } from "../../../ws";
import { TopicError } from "../../../ws";
import { BrokerRejection } from "../domain/rejection";
import type { AccountBook } from "../engine/account-book";
import type { BrokerEngine } from "../engine/broker-engine";
import type { BrokerEvent, BrokerEvents } from "../engine/events";

export interface AccountChannel<Data> {
  /** The update an event carries for this channel, or null when it is not this channel's. */
  select(event: BrokerEvent): Data | null;
  snapshot?(book: AccountBook): readonly Data[];
}

/**
 * One WsRouteService per account channel, all built the same way: the topic's account book is
 * loaded on the first subscriber, its events are forwarded while the topic lives.
 */
export class AccountTopics<Req, Data> implements WsRouteService<Req, Data> {
  private readonly live = new Map<
    string,
    { book: AccountBook; off: () => void }
  >();

  constructor(
    private readonly engine: BrokerEngine,
    private readonly events: BrokerEvents,
    private readonly log: FastifyBaseLogger,
    private readonly channel: AccountChannel<Data>,
    readonly replay?: (
      topic: TopicRef<Req>,
      since: number,
      limit: number,
    ) => Promise<readonly Data[]>,
  ) {}

  async createTopic(
    topic: TopicRef<Req>,
    topicUpdate: TopicUpdate<Data>,
  ): Promise<void> {
    const accountId = topic.accountId;
    if (accountId === null)
      throw new TopicError(
        "UNAUTHORIZED",
        "this channel belongs to an account",
      );
    let book: AccountBook;
    try {
      book = await this.engine.book(accountId);
    } catch (err) {
      if (err instanceof BrokerRejection)
        throw new TopicError(err.code, err.message);
      throw err;
    }
    // `orders:{…}` publishes `orders.update` frames: the line names the frame a client sees.
    const route = topic.id.slice(0, topic.id.indexOf(":"));
    const published = `${route}.update published`;
    const off = this.events.on(accountId, (event) => {
      const data = this.channel.select(event);
      if (data === null) return;
      const trace = "trace" in event ? event.trace : null;
      publishing(
        `${route}.update publish`,
        () => ({
          "messaging.destination.name": topic.id,
          ...(trace ? { "tradewire.order_id": trace.orderId } : {}),
        }),
        () => topicUpdate(data),
      );
      // One line per topic update (never per socket), at debug: the last step of an order's story.
      if (trace) this.log.debug({ ...trace, topic: topic.id }, published);
    });
    this.live.set(topic.id, { book, off });
  }

  removeTopic(topic: TopicRef<Req>): void {
    this.live.get(topic.id)?.off();
    this.live.delete(topic.id);
  }

  snapshot(topic: TopicRef<Req>): readonly Data[] {
    const live = this.live.get(topic.id);
    return live && this.channel.snapshot
      ? this.channel.snapshot(live.book)
      : [];
  }
}
