/** Why a subscription was refused or ended: a server `ErrorCode` or one of the client core's own. */
export interface ChannelError {
  readonly code: string;
  readonly message: string;
}

export type SubscribeOutcome =
  | { readonly ok: true; readonly topic: string }
  | { readonly ok: false; readonly error: ChannelError };

/**
 * One channel of the socket, typed by its params `P` and its view type `V`. Every subscriber has
 * an id (TradingView's `listenerGuid`); subscribers with equal params share one wire topic.
 */
export interface ChannelClient<P, V> {
  /**
   * Adds (or replaces) subscriber `id`. The promise never rejects: it settles with the outcome,
   * and `onError` hears a refusal or a later end (e.g. a rejected token) as well.
   */
  subscribe(
    id: string,
    params: P,
    listener: (value: V) => void,
    onError?: (error: ChannelError) => void,
  ): Promise<SubscribeOutcome>;
  /** Removes subscriber `id`; unknown ids are ignored. The last one of a topic unsubscribes it. */
  unsubscribe(id: string): void;
}

export function toChannelError(error: unknown): ChannelError {
  if (typeof error === "object" && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return {
      code: typeof code === "string" ? code : "INTERNAL_ERROR",
      message: typeof message === "string" ? message : JSON.stringify(error),
    };
  }
  return { code: "INTERNAL_ERROR", message: String(error) };
}
