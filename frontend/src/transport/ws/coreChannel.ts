import type {
  ChannelData,
  ChannelParams,
  Route,
  Subscription,
  TradewireClient,
} from "@tradewire/client";
import {
  toChannelError,
  type ChannelClient,
  type SubscribeOutcome,
} from "./channel";

/** A channel served by the client core: the wire payload goes through `map` for every listener. */
export function coreChannel<R extends Route, V>(
  client: TradewireClient,
  route: R,
  map: (wire: ChannelData<R>) => V,
): ChannelClient<ChannelParams<R>, V> {
  const subscriptions = new Map<string, Subscription>();
  return {
    subscribe(id, params, listener, onError) {
      subscriptions.get(id)?.unsubscribe();
      const subscription: Subscription = client.subscribe(
        route,
        params,
        (data) => listener(map(data)),
        {
          onError: (error) => {
            if (subscriptions.get(id) === subscription)
              subscriptions.delete(id);
            onError?.(toChannelError(error));
          },
        },
      );
      subscriptions.set(id, subscription);
      return subscription.ready.then(
        (topic): SubscribeOutcome => ({ ok: true, topic }),
        (error: unknown): SubscribeOutcome => ({
          ok: false,
          error: toChannelError(error),
        }),
      );
    },
    unsubscribe(id) {
      const subscription = subscriptions.get(id);
      if (!subscription) return;
      subscriptions.delete(id);
      subscription.unsubscribe();
    },
  };
}
