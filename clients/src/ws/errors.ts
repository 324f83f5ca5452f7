import type { ErrorCode } from "../generated/models.js";

/**
 * Why a subscription failed or ended, beyond the server's own codes: it was not confirmed in
 * time, the client closed for good (own close or 4001), or its listener unsubscribed before it
 * was confirmed.
 */
export type SubscribeErrorCode =
  ErrorCode | "SUBSCRIBE_TIMEOUT" | "CONNECTION_CLOSED" | "UNSUBSCRIBED";

export class SubscribeError extends Error {
  override readonly name = "SubscribeError";

  constructor(
    readonly code: SubscribeErrorCode,
    message: string,
    /** The local topic key of the subscription (route and canonical params). */
    readonly key: string,
  ) {
    super(message);
  }
}

/**
 * Calls a user callback so that its exception cannot leave the client half way through a state
 * change: the error is rethrown on a fresh stack, where it surfaces as an uncaught error.
 */
export function callListener(call: () => void): void {
  try {
    call();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
