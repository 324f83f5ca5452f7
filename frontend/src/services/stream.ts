import type { ConnectionState } from "@tradewire/client";
import type { ChannelClient, ChannelError } from "../transport/ws/channel";
import type { ConnectionSource } from "../transport/ws/wsClientBase";

/** Why a stream was refused or ended: a server `ErrorCode` or one of the client core's own. */
export type StreamError = ChannelError;

/**
 * A typed stream a service offers: what the stores follow (through `feed` in `stores/feed.ts`).
 * Each `subscribe` is its own subscriber; the returned function stops it and may be called twice.
 */
export interface Stream<T> {
  /** `onError` hears a refusal, or a later end (e.g. the token was rejected); not a stop. */
  subscribe(
    listener: (value: T) => void,
    onError?: (error: StreamError) => void,
  ): () => void;
}

let subscribers = 0;

/** A channel's topic for `params` as a stream; subscribers with equal params share the topic. */
export function channelStream<P, V>(
  channel: ChannelClient<P, V>,
  params: P,
): Stream<V> {
  return {
    subscribe(listener, onError) {
      subscribers += 1;
      const id = `stream-${subscribers}`;
      void channel.subscribe(id, params, listener, onError);
      return () => channel.unsubscribe(id);
    },
  };
}

/** A connection's state as a stream: the current state at once, then every change. */
export function connectionStream(
  source: ConnectionSource,
): Stream<ConnectionState> {
  return { subscribe: (listener) => source.onState(listener) };
}
