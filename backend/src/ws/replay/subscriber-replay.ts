import type { ChannelDescriptor, ErrorCode } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { WsLimits } from "../config";
import type { WsConnection } from "../connection/connection";
import type { Replier } from "../replies/replier";
import type { RequestId } from "../replies/replies";
import type { TopicRef } from "../topics/route-service";
import type { TopicState } from "../topics/topic-state";
import type { UpdateSerializer } from "../wire/codecs";
import { HeldLive } from "./held-live";
import { replayThenLive, type ReplayRun } from "./replay";

/** The part of a router a replay uses. */
export interface ReplayingRouter<Data> {
  readonly channel: ChannelDescriptor;
  readonly serializeUpdate: UpdateSerializer<Data>;
  release(conn: WsConnection, topicId: string): void;
}

/** What a replay needs of the gateway. */
export interface ReplayHost {
  readonly limits: WsLimits;
  readonly log: FastifyBaseLogger;
  readonly replies: Replier;
}

export type ReplayPage<Req, Data> = (
  topic: TopicRef<Req>,
  since: number,
  limit: number,
) => Promise<readonly Data[]>;

export interface ReplayRequest<Req> {
  readonly conn: WsConnection;
  readonly state: TopicState<Req>;
  readonly since: number;
  readonly id: RequestId;
}

/**
 * Answer a cursor subscribe and replay what came after the cursor (replay.ts), with the topic's
 * live frames held back from this socket until the replay has caught up.
 */
export async function replayToSubscriber<Req, Data>(
  router: ReplayingRouter<Data>,
  host: ReplayHost,
  replay: ReplayPage<Req, Data>,
  request: ReplayRequest<Req>,
): Promise<void> {
  const run = new SubscriberReplay(router, host, replay, request);
  (request.state.replaying ??= new Map()).set(request.conn, run.held);
  try {
    await replayThenLive<Data>(run, request.since);
  } finally {
    run.stopHolding();
  }
}

/** One socket's replay of one topic, as replay.ts drives it. */
class SubscriberReplay<Req, Data> implements ReplayRun<Data> {
  readonly held = new HeldLive();
  readonly maxEvents: number;
  private readonly field: string;

  constructor(
    private readonly router: ReplayingRouter<Data>,
    private readonly host: ReplayHost,
    private readonly replay: ReplayPage<Req, Data>,
    private readonly request: ReplayRequest<Req>,
  ) {
    this.maxEvents = host.limits.replayMaxEvents;
    this.field = router.channel.cursor?.field ?? "";
  }

  page(after: number, limit: number): Promise<readonly Data[]> {
    return this.replay(this.request.state.ref, after, limit);
  }

  cursorOf(event: Data): number {
    return Number((event as Record<string, unknown>)[this.field]);
  }

  send(event: Data): void {
    const { conn, state } = this.request;
    conn.send(this.router.serializeUpdate(state.topicJson, state.seq, event));
  }

  active(): boolean {
    const { conn, state } = this.request;
    return conn.open && state.subscribers.has(conn);
  }

  drained(): Promise<void> {
    return this.request.conn.whenDrained();
  }

  answerOk(): void {
    this.answer();
  }

  refuse(code: ErrorCode, message: string): void {
    this.leave();
    this.answer(code, message);
  }

  abort(code: ErrorCode, message: string): void {
    this.leave();
    const { conn, id } = this.request;
    const type = this.router.channel.types.subscribe;
    this.host.replies.error(conn, code, message, type, id);
  }

  handover(last: number): void {
    this.stopHolding();
    const conn = this.request.conn;
    for (const h of this.held.frames)
      if (h.cursor > last) conn.deliverReliable(h.frame);
  }

  failed(err: unknown): void {
    const { state, since, conn } = this.request;
    this.host.log.error(
      { err, connectionId: conn.id, topic: state.ref.id, since },
      "replay failed",
    );
  }

  /** Live frames go to the socket again (idempotent). */
  stopHolding(): void {
    const state = this.request.state;
    if (state.replaying?.get(this.request.conn) !== this.held) return;
    state.replaying.delete(this.request.conn);
    if (state.replaying.size === 0) state.replaying = null;
  }

  private leave(): void {
    this.stopHolding();
    this.router.release(this.request.conn, this.request.state.ref.id);
  }

  private answer(code?: ErrorCode, message?: string): void {
    const { conn, state, id } = this.request;
    const type = this.router.channel.types.subscribeResponse;
    this.host.replies.subscription(conn, type, id, state.ref.id, code, message);
  }
}
