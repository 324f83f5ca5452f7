import type { ChannelDescriptor, ErrorCode } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { WsLimits } from "../../config";
import type { RequestValidator, UpdateSerializer } from "../wire/codecs";
import type { TopicOwner, WsConnection } from "../connection/connection";
import type { WsMetrics } from "../metrics/metrics";
import { topicPublisher } from "../fanout/fanout";
import { subscriptionReply, type RequestId } from "../replies/replies";
import type { FrameEncoder } from "../wire/socket";
import { replayToSubscriber } from "../replay/subscriber-replay";
import { TopicError } from "../topics/topic-error";
import type { TopicState } from "../topics/topic-state";
import { TopicTable } from "../topics/topic-table";
import { topicFor } from "../topics/topics";
import type { WsRouteService } from "../topics/route-service";

export interface WsRouterOptions {
  /** Tag for logs; defaults to the route. */
  readonly label?: string;
}

/** What the gateway lends a router when it is registered. */
export interface RouterHost {
  readonly limits: WsLimits;
  readonly metrics: WsMetrics;
  readonly log: FastifyBaseLogger;
  /** Prepares each update's frame once for all its subscribers (the transport's encoder). */
  readonly frames: FrameEncoder;
}

/**
 * The generic core of one channel: subscribe/unsubscribe, reference counting of topics and
 * fan-out. Generated subclasses pin the channel, the request validator and the update serializer,
 * so a router can only be built with a service of the channel's own request and data types.
 */
export class WsRouter<Req, Data> implements RouteHandler {
  readonly route: string;
  private readonly topics: TopicTable<Req, Data>;
  private host: RouterHost | null = null;

  constructor(
    readonly channel: ChannelDescriptor,
    readonly service: WsRouteService<Req, Data>,
    readonly validateRequest: RequestValidator<Req>,
    readonly serializeUpdate: UpdateSerializer<Data>,
    readonly options: WsRouterOptions = {},
  ) {
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
    const host = this.requireHost();
    const type = this.channel.types.subscribeResponse;
    const request = this.readRequest(conn, payload, type, id);
    if (!request) return;
    const { params, topicId } = request;
    const since = this.cursorOf(params);
    if (conn.subscriptions.get(topicId) === this) {
      // Idempotent: still one subscription, but the client gets the current state again.
      const state = this.topics.get(topicId);
      if (state) await this.confirm(conn, state, since, id);
      return;
    }
    if (
      conn.subscriptions.size + conn.reserved >=
      host.limits.maxSubscriptionsPerSocket
    ) {
      const max = host.limits.maxSubscriptionsPerSocket;
      this.respond(
        conn,
        type,
        id,
        topicId,
        "SUBSCRIPTION_LIMIT",
        `a socket may hold at most ${max} subscriptions`,
      );
      return;
    }
    conn.reserved += 1;
    let state: TopicState<Req>;
    try {
      state = await this.topics.acquire(topicId, params, conn.accountId);
    } catch (err) {
      const code: ErrorCode =
        err instanceof TopicError ? err.code : "TOPIC_UNAVAILABLE";
      if (!(err instanceof TopicError))
        host.log.error({ err, topic: topicId }, "createTopic failed");
      const message =
        err instanceof TopicError
          ? err.message
          : `${topicId} cannot be served right now`;
      this.respond(conn, type, id, topicId, code, message);
      return;
    } finally {
      conn.reserved -= 1;
    }
    state.waiters -= 1;
    if (!conn.open) {
      this.topics.removeIfUnused(state);
      return;
    }
    if (conn.subscriptions.get(topicId) !== this) {
      state.subscribers.add(conn);
      conn.subscriptions.set(topicId, this);
    }
    await this.confirm(conn, state, since, id);
  }

  unsubscribe(conn: WsConnection, payload: unknown, id: RequestId): void {
    const type = this.channel.types.unsubscribeResponse;
    const request = this.readRequest(conn, payload, type, id);
    if (!request) return;
    if (conn.subscriptions.get(request.topicId) !== this) {
      this.respond(
        conn,
        type,
        id,
        request.topicId,
        "NOT_SUBSCRIBED",
        `not subscribed to ${request.topicId}`,
      );
      return;
    }
    this.release(conn, request.topicId);
    this.respond(conn, type, id, request.topicId);
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

  private readRequest(
    conn: WsConnection,
    payload: unknown,
    type: string,
    id: RequestId,
  ): { params: Req; topicId: string } | null {
    const checked = this.validateRequest(payload);
    if (!checked.ok) {
      this.respond(
        conn,
        type,
        id,
        "",
        "INVALID_PARAMS",
        `invalid ${this.route} request: payload${checked.message}`,
      );
      return null;
    }
    if (this.channel.accountScoped && conn.accountId === null) {
      this.respond(
        conn,
        type,
        id,
        "",
        "UNAUTHORIZED",
        `${this.route} belongs to an account: connect with a token`,
      );
      return null;
    }
    return {
      params: checked.value,
      topicId: topicFor(this.channel, checked.value as object, conn.accountId),
    };
  }

  private cursorOf(params: Req): number | undefined {
    const cursor = this.channel.cursor;
    if (!cursor) return undefined;
    const value = (params as Record<string, unknown>)[cursor.param];
    return typeof value === "number" ? value : undefined;
  }

  /**
   * Answer ok and send the state the channel promises: the snapshot, or the events after the
   * cursor (see replay.ts), with live updates held back meanwhile so the client sees the replay
   * and then live updates with no gap and no duplicate.
   */
  private async confirm(
    conn: WsConnection,
    state: TopicState<Req>,
    since: number | undefined,
    id: RequestId,
  ): Promise<void> {
    const service = this.service;
    const cursor = this.channel.cursor;
    if (since === undefined || !service.replay || cursor === null) {
      this.respond(
        conn,
        this.channel.types.subscribeResponse,
        id,
        state.ref.id,
      );
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

  private respond(
    conn: WsConnection,
    type: string,
    id: RequestId,
    topic: string,
    code?: ErrorCode,
    message?: string,
  ): void {
    conn.send(subscriptionReply(type, id, topic, code, message));
    if (code !== undefined) this.requireHost().metrics.errors.inc({ code });
  }

  private requireHost(): RouterHost {
    if (!this.host)
      throw new Error(`router ${this.route} is not registered with a gateway`);
    return this.host;
  }
}

/** A router of any channel, as the gateway and modules hold them. */
export interface RouteHandler extends TopicOwner {
  attach(host: RouterHost): void;
  subscribe(conn: WsConnection, payload: unknown, id: RequestId): Promise<void>;
  unsubscribe(conn: WsConnection, payload: unknown, id: RequestId): void;
  closeAll(): Promise<void>;
  readonly topicCount: number;
  readonly subscriptionCount: number;
}
