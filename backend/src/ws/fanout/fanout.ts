import type { ChannelDescriptor } from "@tradewire/client";
import type { WsMetrics } from "../metrics/metrics";
import type { TopicUpdate } from "../topics/route-service";
import type { TopicState } from "../topics/topic-state";
import type { UpdateSerializer } from "../wire/codecs";
import { UpdateFrames } from "../wire/codec";

/** What fan-out needs of the gateway: its metrics. */
export interface FanoutHost {
  readonly metrics: WsMetrics;
}

/**
 * The `topicUpdate` a service publishes through: stamps `seq`, serializes and frames the update
 * once per codec in use (`UpdateFrames`), and hands the same frame to every subscriber of that
 * codec. The loop allocates nothing per socket and its metrics are counted once per update.
 */
export function topicPublisher<Req, Data>(
  state: TopicState<Req>,
  channel: ChannelDescriptor,
  serializeUpdate: UpdateSerializer<Data>,
  host: FanoutHost,
): TopicUpdate<Data> {
  const route = channel.route;
  const conflate = channel.conflate;
  const cursorField = channel.cursor?.field ?? null;
  const type = channel.types.update;
  const delivered = host.metrics.messagesOut.labels(route);
  const fanout = host.metrics.fanoutSeconds.labels(route);
  return (data: Data, whole?: Data) => {
    if (state.phase === "removing" || state.phase === "failed")
      return state.seq;
    state.seq += 1;
    const subscribers = state.subscribers;
    if (subscribers.size === 0) return state.seq;
    const started = performance.now();
    const frames = new UpdateFrames(type, state, data, serializeUpdate);
    if (conflate !== null) {
      // Built only for a codec whose socket is behind (UpdateFrames is lazy).
      const wholeFrames =
        whole === undefined
          ? null
          : new UpdateFrames(type, state, whole, serializeUpdate);
      const slot = conflationSlot(state.ref.id, conflate.key, data);
      deliverConflatable(state, slot, route, frames, wholeFrames);
    } else if (state.replaying === null) {
      for (const conn of subscribers)
        conn.deliverReliable(frames.for(conn.codec));
    } else {
      deliverDuringReplays(state, cursorOf(cursorField, data), frames);
    }
    delivered.inc(subscribers.size);
    fanout.observe((performance.now() - started) / 1000);
    return state.seq;
  };
}

/** The update's place in a cursor channel's stream (0 when the channel has no cursor). */
function cursorOf(field: string | null, data: unknown): number {
  return field === null ? 0 : Number((data as Record<string, unknown>)[field]);
}

/** Where a slow socket keeps only the newest update: the topic, or the topic and the key's value. */
function conflationSlot(
  topicId: string,
  key: string | null,
  data: unknown,
): string {
  return key === null
    ? topicId
    : `${topicId}\u0000${String((data as Record<string, unknown>)[key])}`;
}

/** A conflatable update to every subscriber, the same frame to each socket of a codec. */
function deliverConflatable<Req>(
  state: TopicState<Req>,
  slot: string,
  route: string,
  frames: UpdateFrames,
  whole: UpdateFrames | null,
): void {
  for (const conn of state.subscribers)
    conn.deliverConflatable(slot, frames.for(conn.codec), route, whole);
}

/** A reliable update while some subscribers replay: theirs is held, the others get it now. */
function deliverDuringReplays<Req>(
  state: TopicState<Req>,
  cursor: number,
  frames: UpdateFrames,
): void {
  const replaying = state.replaying;
  for (const conn of state.subscribers) {
    const held = replaying?.get(conn);
    const frame = frames.for(conn.codec);
    if (held) held.hold(cursor, frame);
    else conn.deliverReliable(frame);
  }
}
