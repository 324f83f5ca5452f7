import type { ChannelDescriptor, ErrorCode } from "@tradewire/client";
import type { UpdateSerializer } from "../wire/codecs";
import type { WsConnection } from "../connection/connection";
import {
  errorReply,
  subscriptionReply,
  type RequestId,
} from "../replies/replies";
import { HeldLive, replayThenLive } from "./replay";
import type { TopicState } from "../topics/topic-state";
import type { TopicRef } from "../topics/route-service";
import type { RouterHost } from "../router/ws-router";

/** The part of a router a replay uses. */
export interface ReplayingRouter<Data> {
  readonly channel: ChannelDescriptor;
  readonly serializeUpdate: UpdateSerializer<Data>;
  release(conn: WsConnection, topicId: string): void;
}

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
  host: RouterHost,
  replay: (
    topic: TopicRef<Req>,
    since: number,
    limit: number,
  ) => Promise<readonly Data[]>,
  { conn, state, since, id }: ReplayRequest<Req>,
): Promise<void> {
  const { channel } = router;
  const field = channel.cursor?.field ?? "";
  const ref = state.ref;
  const held = new HeldLive();
  (state.replaying ??= new Map()).set(conn, held);
  const stopHolding = (): void => {
    if (state.replaying?.get(conn) !== held) return;
    state.replaying.delete(conn);
    if (state.replaying.size === 0) state.replaying = null;
  };
  const answer = (code?: ErrorCode, message?: string): void => {
    conn.send(
      subscriptionReply(
        channel.types.subscribeResponse,
        id,
        ref.id,
        code,
        message,
      ),
    );
    if (code !== undefined) host.metrics.errors.inc({ code });
  };
  try {
    await replayThenLive<Data>(
      {
        held,
        maxEvents: host.limits.replayMaxEvents,
        page: (after, limit) => replay(ref, after, limit),
        cursorOf: (event) => Number((event as Record<string, unknown>)[field]),
        send: (event) =>
          conn.send(router.serializeUpdate(state.topicJson, state.seq, event)),
        active: () => conn.open && state.subscribers.has(conn),
        drained: () => conn.whenDrained(),
        answerOk: () => answer(),
        refuse: (code, message) => {
          stopHolding();
          router.release(conn, ref.id);
          answer(code, message);
        },
        abort: (code, message) => {
          stopHolding();
          router.release(conn, ref.id);
          host.metrics.errors.inc({ code });
          conn.send(errorReply(code, message, channel.types.subscribe, id));
        },
        handover: (last) => {
          stopHolding();
          for (const h of held.frames)
            if (h.cursor > last) conn.deliverReliable(h.frame);
        },
        failed: (err) =>
          host.log.error({ err, topic: ref.id, since }, "replay failed"),
      },
      since,
    );
  } finally {
    stopHolding();
  }
}
