import { CHANNELS, channelTopic, type Route } from "@tradewire/client";
import {
  toChannelError,
  type ChannelClient,
  type SubscribeOutcome,
} from "../../transport/ws/channel";

/** A simulated channel; `clear` ends every subscription (the adapter's dispose). */
export interface SimulatedChannel<P, V> extends ChannelClient<P, V> {
  clear(): void;
}

/**
 * A channel fed by the simulated server instead of a socket. `watch` sends the snapshot and live
 * values in the wire shape and may throw a refusal with a code; `map` is the same mapper the real
 * channel uses, so the simulation exercises it too. Topics are named as the server names them,
 * with `accountId` on account-scoped channels.
 */
export function simulatedChannel<R extends Route, P extends object, W, V>(
  route: R,
  map: (wire: W) => V,
  watch: (params: P, emit: (wire: W) => void) => () => void,
  accountId?: string,
): SimulatedChannel<P, V> {
  const active = new Map<string, () => void>();
  const pending = new Set<string>();
  const stop = (id: string) => {
    pending.delete(id);
    active.get(id)?.();
    active.delete(id);
  };
  return {
    subscribe(id, params, listener, onError) {
      stop(id);
      pending.add(id);
      // Asynchronous like a server round trip, so callers never rely on a synchronous answer.
      return Promise.resolve().then((): SubscribeOutcome => {
        if (!pending.delete(id)) {
          const message = `unsubscribed from ${route} before it was confirmed`;
          return { ok: false, error: { code: "UNSUBSCRIBED", message } };
        }
        try {
          active.set(
            id,
            watch(params, (wire) => listener(map(wire))),
          );
          return {
            ok: true,
            topic: channelTopic(CHANNELS[route], params, accountId),
          };
        } catch (error) {
          const failure = toChannelError(error);
          onError?.(failure);
          return { ok: false, error: failure };
        }
      });
    },
    unsubscribe: stop,
    clear() {
      for (const id of [...active.keys(), ...pending]) stop(id);
    },
  };
}
