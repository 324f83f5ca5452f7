import type { ChannelDescriptor } from "@tradewire/client";
import type { WsMetrics } from "../metrics/metrics";
import type { TopicUpdate } from "../topics/route-service";
import type { TopicState } from "../topics/topic-state";
import type { UpdateSerializer } from "../wire/codecs";
import type { FrameEncoder, PreparedFrame } from "../wire/socket";

/** What fan-out needs of the gateway: the metrics and the transport's frame encoder. */
export interface FanoutHost {
  readonly metrics: WsMetrics;
  readonly frames: FrameEncoder;
}

/**
 * The `topicUpdate` a service publishes through: stamps `seq`, serializes and frames the update
 * once, and hands the same frame to every subscriber. The loop allocates nothing per socket and
 * its metrics are counted once per update.
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
      deliverDuringReplays(state, cursor, frame);
    }
    delivered.inc(subscribers.size);
    fanout.observe((performance.now() - started) / 1000);
  };
}

/** A reliable update while some subscribers replay: theirs is held, the others get it now. */
function deliverDuringReplays<Req>(
  state: TopicState<Req>,
  cursor: number,
  frame: PreparedFrame,
): void {
  const replaying = state.replaying;
  for (const conn of state.subscribers) {
    const held = replaying?.get(conn);
    if (held) held.hold(cursor, frame);
    else conn.deliverReliable(frame);
  }
}
