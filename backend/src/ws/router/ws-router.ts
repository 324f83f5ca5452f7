import type { ChannelDescriptor, ErrorCode } from "@tradewire/client";
import { subscriptionLimitReached } from "../admission/subscription-limit";
import type { WsConnection } from "../connection/connection";
import { topicPublisher } from "../fanout/fanout";
import type { RequestId } from "../replies/replies";
import { replayToSubscriber } from "../replay/subscriber-replay";
import type { WsRouteService } from "../topics/route-service";
import { topicFailure } from "../topics/topic-error";
import type { TopicState } from "../topics/topic-state";
import { TopicTable } from "../topics/topic-table";
import type { RequestValidator, UpdateSerializer } from "../wire/codecs";
import { ChannelActions, type ActionBindings } from "./actions";
import type { RouteHandler, RouterHost } from "./router-host";
import { cursorOf, readSubscribeRequest } from "./subscribe-request";

export type { RouteHandler, RouterHost } from "./router-host";

export interface WsRouterOptions {
  /** Tag for logs; defaults to the route. */
  readonly label?: string;
}

/**
 * The generic core of one channel: subscribe/unsubscribe, reference counting of topics and
 * fan-out. Generated subclasses pin the channel, the request validator and the update serializer,
 * so a router can only be built with a service of the channel's own request and data types.
 */
export class WsRouter<Req, Data> implements RouteHandler {
  readonly route: string;
  readonly actions: ChannelActions;
  private readonly topics: TopicTable<Req, Data>;
  private host: RouterHost | null = null;

  constructor(
    readonly channel: ChannelDescriptor,
    readonly service: WsRouteService<Req, Data>,
    readonly validateRequest: RequestValidator<Req>,
    readonly serializeUpdate: UpdateSerializer<Data>,
    readonly options: WsRouterOptions = {},
    bindings: ActionBindings = {},
  ) {
    this.actions = new ChannelActions(channel, bindings, () =>
      this.requireHost(),
    );
    this.route = channel.route;
    this.topics = new TopicTable(
      channel,
      service,
      (state) =>
        topicPublisher(state, channel, serializeUpdate, this.requireHost()),
      () => this.requireHost().log,
    );
  }

  attach(host: RouterHost): void {
    this.host = host;
  }

  get topicCount(): number {
    return this.topics.size;
  }

  get subscriptionCount(): number {
    return this.topics.subscriptionCount;
  }

  async subscribe(
    conn: WsConnection,
    payload: unknown,
    id: RequestId,
  ): Promise<void> {
    const type = this.channel.types.subscribeResponse;
    const request = this.read(conn, payload, type, id);
    if (!request) return;
    const since = cursorOf(this.channel, request.params);
    if (conn.subscriptions.get(request.topicId) === this) {
      // Idempotent: still one subscription, but the client gets the current state again.
      const state = this.topics.get(request.topicId);
      if (state) await this.confirm(conn, state, since, id);
      return;
    }
    const full = subscriptionLimitReached(
      conn.subscriptions.size,
      conn.reserved,
      this.requireHost().limits.maxSubscriptionsPerSocket,
    );
    if (full !== null) {
      this.reply(conn, type, id, request.topicId, "SUBSCRIPTION_LIMIT", full);
      return;
    }
    const state = await this.join(conn, request.topicId, request.params, id);
    if (state) await this.confirm(conn, state, since, id);
  }

  unsubscribe(conn: WsConnection, payload: unknown, id: RequestId): void {
    const type = this.channel.types.unsubscribeResponse;
    const request = this.read(conn, payload, type, id);
    if (!request) return;
    const topicId = request.topicId;
    if (conn.subscriptions.get(topicId) !== this) {
      const message = `not subscribed to ${topicId}`;
      this.reply(conn, type, id, topicId, "NOT_SUBSCRIBED", message);
      return;
    }
    this.release(conn, topicId);
    this.reply(conn, type, id, topicId);
  }

  /** Drop one socket's subscription (unsubscribe or disconnect); the last one removes the topic. */
  release(conn: WsConnection, topicId: string): void {
    if (conn.subscriptions.get(topicId) === this)
      conn.subscriptions.delete(topicId);
    const state = this.topics.get(topicId);
    if (!state) return;
    state.subscribers.delete(conn);
    state.replaying?.delete(conn);
    this.topics.removeIfUnused(state);
  }

  /** Shutdown: forget every subscriber and remove every topic. */
  closeAll(): Promise<void> {
    return this.topics.closeAll((conn, topicId) =>
      conn.subscriptions.delete(topicId),
    );
  }

  /**
   * Make `conn` a subscriber of the topic, creating it first if need be; the socket's reservation
   * keeps concurrent subscribes within its limit meanwhile. Null when refused or the socket closed.
   */
  private async join(
    conn: WsConnection,
    topicId: string,
    params: Req,
    id: RequestId,
  ): Promise<TopicState<Req> | null> {
    conn.reserved += 1;
    let state: TopicState<Req>;
    try {
      state = await this.topics.acquire(topicId, params, conn.accountId);
    } catch (err) {
      const failure = topicFailure(err, topicId);
      if (failure.unexpected)
        this.requireHost().log.error(
          { err, connectionId: conn.id, topic: topicId },
          "createTopic failed",
        );
      const type = this.channel.types.subscribeResponse;
      this.reply(conn, type, id, topicId, failure.code, failure.message);
      return null;
    } finally {
      conn.reserved -= 1;
    }
    state.waiters -= 1;
    if (!conn.open) {
      this.topics.removeIfUnused(state);
      return null;
    }
    if (conn.subscriptions.get(topicId) !== this) {
      state.subscribers.add(conn);
      conn.subscriptions.set(topicId, this);
    }
    return state;
  }

  /** The request's params and topic, or null once the refusal has been sent. */
  private read(
    conn: WsConnection,
    payload: unknown,
    type: string,
    id: RequestId,
  ): { params: Req; topicId: string } | null {
    const request = readSubscribeRequest(
      this.channel,
      this.validateRequest,
      payload,
      conn.accountId,
    );
    if (request.ok) return request;
    this.reply(conn, type, id, "", request.code, request.message);
    return null;
  }

  /**
   * Answer ok and send the state the channel promises: the snapshot, or the events after the
   * cursor (see replay/), with live updates held back meanwhile so the client sees the replay
   * and then live updates with no gap and no duplicate.
   */
  private async confirm(
    conn: WsConnection,
    state: TopicState<Req>,
    since: number | undefined,
    id: RequestId,
  ): Promise<void> {
    const service = this.service;
    if (
      since === undefined ||
      !service.replay ||
      this.channel.cursor === null
    ) {
      const type = this.channel.types.subscribeResponse;
      this.reply(conn, type, id, state.ref.id);
      this.sendSnapshot(conn, state);
      return;
    }
    await replayToSubscriber(
      this,
      this.requireHost(),
      service.replay.bind(service),
      { conn, state, since, id },
    );
  }

  private sendSnapshot(conn: WsConnection, state: TopicState<Req>): void {
    if (!this.channel.snapshot || !this.service.snapshot) return;
    const items = this.service.snapshot(state.ref);
    if (items.length === 0) return;
    conn.sendSnapshot(
      state.ref.id,
      items.map((item) =>
        this.serializeUpdate(state.topicJson, state.seq, item),
      ),
    );
  }

  private reply(
    conn: WsConnection,
    type: string,
    id: RequestId,
    topic: string,
    code?: ErrorCode,
    message?: string,
  ): void {
    this.requireHost().replies.subscription(
      conn,
      type,
      id,
      topic,
      code,
      message,
    );
  }

  private requireHost(): RouterHost {
    if (!this.host)
      throw new Error(`router ${this.route} is not registered with a gateway`);
    return this.host;
  }
}
