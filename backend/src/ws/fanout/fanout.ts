import type { ChannelDescriptor } from "@tradewire/client";
import type { UpdateSerializer } from "../wire/codecs";
import type { TopicState } from "../topics/topic-state";
import type { TopicUpdate } from "../topics/route-service";
import type { RouterHost } from "../router/ws-router";

/**
 * The `topicUpdate` a service publishes through: stamps `seq`, serializes and frames the update
 * once, and hands the same frame to every subscriber. The loop allocates nothing per socket and
 * its metrics are counted once per update.
 */
export function topicPublisher<Req, Data>(
  state: TopicState<Req>,
  channel: ChannelDescriptor,
  serializeUpdate: UpdateSerializer<Data>,
  host: RouterHost,
): TopicUpdate<Data> {
  const route = channel.route;
  const conflate = channel.conflate;
  const cursorField = channel.cursor?.field ?? null;
  const delivered = host.metrics.messagesOut.labels(route);
  const fanout = host.metrics.fanoutSeconds.labels(route);
  return (data: Data) => {
    if (state.phase === "removing" || state.phase === "failed") return;
    state.seq += 1;
    const subscribers = state.subscribers;
    if (subscribers.size === 0) return;
    const started = performance.now();
    const frame = host.frames.prepareText(
      serializeUpdate(state.topicJson, state.seq, data),
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
        if (held) held.hold(cursor, frame);
        else conn.deliverReliable(frame);
      }
    }
    delivered.inc(subscribers.size);
    fanout.observe((performance.now() - started) / 1000);
  };
}
