import type { ChannelDescriptor, ErrorCode } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { WsLimits } from "../config";
import type { RequestValidator, UpdateSerializer } from "./codecs";
import type { TopicOwner, WsConnection } from "./connection";
import type { WsMetrics } from "./metrics";
import type { FrameEncoder, PreparedFrame } from "./socket";
import { TopicError } from "./topic-error";
import { topicFor } from "./topics";
import type { TopicRef, TopicUpdate, WsRouteService } from "./ws-route-service";

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

type RequestId = string | number | undefined;

interface TopicState<Req> {
  readonly ref: TopicRef<Req>;
  readonly topicJson: string;
  readonly subscribers: Set<WsConnection>;
  seq: number;
  phase: "creating" | "live" | "removing" | "failed";
  /** Subscribes waiting for this topic to be created; it is not removed while any wait. */
  waiters: number;
  ready: Promise<void>;
  removed: Promise<void> | null;
  /** Cursor channels: live frames held back from sockets whose replay is still being read. */
  replaying: Map<
    WsConnection,
    { cursor: number; frame: PreparedFrame }[]
  > | null;
}

/**
 * The generic core of one channel: subscribe/unsubscribe, reference counting of topics and
 * fan-out. Generated subclasses pin the channel, the request validator and the update serializer,
 * so a router can only be built with a service of the channel's own request and data types.
 */
export class WsRouter<Req, Data> implements RouteHandler {
  readonly route: string;
  private readonly topics = new Map<string, TopicState<Req>>();
  private host: RouterHost | null = null;

  constructor(
    readonly channel: ChannelDescriptor,
    readonly service: WsRouteService<Req, Data>,
    readonly validateRequest: RequestValidator<Req>,
    readonly serializeUpdate: UpdateSerializer<Data>,
    readonly options: WsRouterOptions = {},
  ) {
    this.route = channel.route;
  }

  attach(host: RouterHost): void {
    this.host = host;
  }

  get topicCount(): number {
    return this.topics.size;
  }

  get subscriptionCount(): number {
    let n = 0;
    for (const t of this.topics.values()) n += t.subscribers.size;
    return n;
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
      state = await this.acquire(topicId, params, conn.accountId);
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
      this.removeIfUnused(state);
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
    this.removeIfUnused(state);
  }

  /** Shutdown: forget every subscriber and remove every topic. */
  async closeAll(): Promise<void> {
    const removals: Promise<void>[] = [];
    for (const state of [...this.topics.values()]) {
      for (const conn of state.subscribers)
        conn.subscriptions.delete(state.ref.id);
      state.subscribers.clear();
      this.removeIfUnused(state);
      if (state.removed) removals.push(state.removed);
    }
    await Promise.all(removals);
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

  /** Find the live topic or create it; concurrent subscribers share one createTopic call. */
  private async acquire(
    topicId: string,
    params: Req,
    accountId: string | null,
  ): Promise<TopicState<Req>> {
    for (;;) {
      const existing = this.topics.get(topicId);
      if (existing?.phase === "removing") {
        await existing.removed;
        continue;
      }
      const state = existing ?? this.create(topicId, params, accountId);
      state.waiters += 1;
      try {
        await state.ready;
      } catch (err) {
        state.waiters -= 1;
        throw err;
      }
      return state;
    }
  }

  private create(
    topicId: string,
    params: Req,
    accountId: string | null,
  ): TopicState<Req> {
    const state: TopicState<Req> = {
      ref: {
        id: topicId,
        params,
        accountId: this.channel.accountScoped ? accountId : null,
      },
      topicJson: JSON.stringify(topicId),
      subscribers: new Set(),
      seq: 0,
      phase: "creating",
      waiters: 0,
      ready: Promise.resolve(),
      removed: null,
      replaying: null,
    };
    this.topics.set(topicId, state);
    state.ready = (async () => {
      try {
        await this.service.createTopic(state.ref, this.publisher(state));
        state.phase = "live";
      } catch (err) {
        state.phase = "failed";
        if (this.topics.get(topicId) === state) this.topics.delete(topicId);
        throw err;
      }
    })();
    // Waiters observe the rejection; this keeps an unobserved failure from crashing the process.
    state.ready.catch(() => undefined);
    return state;
  }

  private publisher(state: TopicState<Req>): TopicUpdate<Data> {
    const host = this.requireHost();
    const route = this.route;
    const conflate = this.channel.conflate;
    const cursorField = this.channel.cursor?.field ?? null;
    const delivered = host.metrics.messagesOut.labels(route);
    const fanout = host.metrics.fanoutSeconds.labels(route);
    return (data: Data) => {
      if (state.phase === "removing" || state.phase === "failed") return;
      state.seq += 1;
      const subscribers = state.subscribers;
      if (subscribers.size === 0) return;
      const started = performance.now();
      const frame = host.frames.prepare(
        Buffer.from(this.serializeUpdate(state.topicJson, state.seq, data)),
      );
      if (conflate !== null) {
        const slot =
          conflate.key === null
            ? state.ref.id
            : `${state.ref.id}\u0000${String((data as Record<string, unknown>)[conflate.key])}`;
        for (const conn of subscribers)
          conn.deliverConflatable(slot, frame, route);
      } else if (state.replaying === null) {
        for (const conn of subscribers) conn.deliverReliable(frame);
      } else {
        const cursor =
          cursorField === null
            ? 0
            : Number((data as Record<string, unknown>)[cursorField]);
        for (const conn of subscribers) {
          const held = state.replaying.get(conn);
          if (held) held.push({ cursor, frame });
          else conn.deliverReliable(frame);
        }
      }
      delivered.inc(subscribers.size);
      fanout.observe((performance.now() - started) / 1000);
    };
  }

  /**
   * Answer ok and send the state the channel promises: the snapshot, or the events after the
   * cursor. A replay is read before the answer, with live updates held back meanwhile, so the
   * client sees the replay and then live updates with no gap and no duplicate.
   */
  private async confirm(
    conn: WsConnection,
    state: TopicState<Req>,
    since: number | undefined,
    id: RequestId,
  ): Promise<void> {
    const type = this.channel.types.subscribeResponse;
    if (
      since === undefined ||
      !this.service.replay ||
      this.channel.cursor === null
    ) {
      this.respond(conn, type, id, state.ref.id);
      this.sendSnapshot(conn, state);
      return;
    }
    const field = this.channel.cursor.field;
    const held: { cursor: number; frame: PreparedFrame }[] = [];
    (state.replaying ??= new Map()).set(conn, held);
    let events: readonly Data[] | null = null;
    try {
      events = await this.service.replay(state.ref, since);
    } catch (err) {
      this.requireHost().log.error(
        { err, topic: state.ref.id, since },
        "replay failed",
      );
    }
    state.replaying?.delete(conn);
    if (state.replaying?.size === 0) state.replaying = null;
    if (!conn.open || !state.subscribers.has(conn)) return;
    if (events === null) {
      this.release(conn, state.ref.id);
      this.respond(
        conn,
        type,
        id,
        state.ref.id,
        "TOPIC_UNAVAILABLE",
        `cannot replay ${state.ref.id} after ${since}`,
      );
      return;
    }
    this.respond(conn, type, id, state.ref.id);
    let last = since;
    for (const event of events) {
      const cursor = Number((event as Record<string, unknown>)[field]);
      if (!(cursor > last)) continue;
      last = cursor;
      conn.send(this.serializeUpdate(state.topicJson, state.seq, event));
    }
    for (const h of held) if (h.cursor > last) conn.deliverReliable(h.frame);
  }

  private sendSnapshot(conn: WsConnection, state: TopicState<Req>): void {
    if (!this.channel.snapshot || !this.service.snapshot) return;
    for (const item of this.service.snapshot(state.ref)) {
      conn.send(this.serializeUpdate(state.topicJson, state.seq, item));
    }
  }

  private removeIfUnused(state: TopicState<Req>): void {
    if (
      state.phase !== "live" ||
      state.subscribers.size > 0 ||
      state.waiters > 0
    )
      return;
    state.phase = "removing";
    state.removed = (async () => {
      try {
        await this.service.removeTopic(state.ref);
      } catch (err) {
        this.requireHost().log.error(
          { err, topic: state.ref.id },
          "removeTopic failed",
        );
      } finally {
        if (this.topics.get(state.ref.id) === state)
          this.topics.delete(state.ref.id);
      }
    })();
  }

  private respond(
    conn: WsConnection,
    type: string,
    id: RequestId,
    topic: string,
    code?: ErrorCode,
    message?: string,
  ): void {
    const payload =
      code === undefined
        ? { status: "ok", topic }
        : { status: "error", topic, code, message };
    conn.send(
      JSON.stringify(
        id === undefined ? { type, payload } : { type, id, payload },
      ),
    );
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
