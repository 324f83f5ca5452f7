import type { ChannelMap, Route } from "../generated/channels.js";
import type { QuoteDelta } from "../generated/models.js";
import type { SubscribeError } from "./errors.js";
import type { ResyncEvent } from "./resync.js";

/**
 * The subscribe params of a channel. A request without properties (the account-scoped
 * channels) takes `{}` only: the generated `interface X {}` would accept any object, and the
 * server refuses extra properties such as an `accountId`.
 */
export type ChannelParams<R extends Route> = [
  keyof ChannelMap[R]["request"],
] extends [never]
  ? Record<string, never>
  : ChannelMap[R]["request"];
/**
 * What a channel's listeners receive: its update payload, except that quote deltas never reach
 * them (the client merges each into the symbol's whole quote, `quote-deltas.ts`).
 */
export type ChannelData<R extends Route> = Exclude<
  ChannelMap[R]["data"],
  QuoteDelta
>;
/** An update payload as it comes off the wire. */
export type WireData<R extends Route> = ChannelMap[R]["data"];

export interface UpdateMeta {
  readonly route: Route;
  /** The server's topic, which on account-scoped channels includes the account. */
  readonly topic: string;
  readonly seq: number;
  /**
   * True for an event recovered by a resync (read from the resync source, not the socket); its
   * `seq` is then the topic's latest seq seen.
   */
  readonly resynced?: boolean;
}

export type UpdateListener<R extends Route> = (
  data: ChannelData<R>,
  meta: UpdateMeta,
) => void;

export interface SubscribeOptions {
  /**
   * Called once when the subscription fails or ends other than by `unsubscribe()`: refused by
   * the server, not confirmed in time, or the client closed for good.
   */
  readonly onError?: (error: SubscribeError) => void;
  /**
   * Cursor channels: called when the server could not replay everything after the cursor
   * (RESYNC_REQUIRED) and the client has dealt with it: subscribed again live and, with a resync
   * source for the route (the client's `resync` option), delivered the missed events through this
   * subscription's listener, each once and in order. Without a source `recovered` is null and the
   * application reads the events after `after` itself.
   */
  readonly onResync?: (event: ResyncEvent) => void;
}

export interface Subscription {
  /** The local topic key that listeners with the same route and params share. */
  readonly key: string;
  /** Resolves with the server topic once confirmed; rejects with a SubscribeError. */
  readonly ready: Promise<string>;
  /** Idempotent; the wire unsubscribe goes out when the last listener of the key leaves. */
  unsubscribe(): void;
}
