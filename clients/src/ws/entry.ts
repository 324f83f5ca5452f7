import { CHANNELS, type Route } from "../generated/channels.js";
import type { ChannelDescriptor } from "../protocol/channel-descriptor.js";
import { channelTopic, withoutCursor } from "../protocol/topic.js";
import type { Listener } from "./listener.js";
import { QuoteDeltas } from "./quote-deltas.js";
import type { ResyncState } from "./resync.js";
import {
  newStream,
  readNumber,
  type SequenceTraits,
  type StreamState,
} from "./sequence.js";

/** One wire subscription, shared by every listener of its local key. */
export interface Entry {
  /** `channelTopic` without the account (all of this client's subscriptions are one account's). */
  readonly key: string;
  readonly route: Route;
  readonly channel: ChannelDescriptor;
  /** Params without the cursor: what the unsubscribe is built from. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly listeners: Set<Listener>;
  readonly stream: StreamState;
  readonly traits: SequenceTraits;
  /** The server topic, set while the subscription is confirmed on the current socket. */
  topic: string | undefined;
  pendingId: number | undefined;
  /** The id of the subscribe that confirmed it: a replay stopped later answers with this id. */
  confirmedId: number | undefined;
  /** Set from the server's RESYNC_REQUIRED until the missed events are recovered. */
  resync: ResyncState | undefined;
  timer: unknown;
  /** A `quotes` subscription with `delta: true`: its symbols' whole quotes, deltas merged in. */
  readonly quotes: QuoteDeltas | null;
}

/** The local key of a subscribe: the cursor selects what to replay, not what to stream. */
export function localKey(route: Route, params: object): string {
  return channelTopic(CHANNELS[route], params);
}

export function createEntry(route: Route, params: object): Entry {
  const channel: ChannelDescriptor = CHANNELS[route];
  const since = channel.cursor
    ? readNumber(params, channel.cursor.param)
    : undefined;
  return {
    key: localKey(route, params),
    route,
    channel,
    params: withoutCursor(channel, params),
    listeners: new Set(),
    stream: newStream(since),
    traits: {
      gapDetection: channel.conflate === null,
      cursorField: channel.cursor?.field ?? null,
    },
    topic: undefined,
    pendingId: undefined,
    confirmedId: undefined,
    resync: undefined,
    timer: undefined,
    quotes:
      route === "quotes" && (params as { delta?: unknown }).delta === true
        ? new QuoteDeltas()
        : null,
  };
}

/**
 * Cursor channels resume from the highest cursor delivered so far, so a replay fills the hole;
 * during a resync they subscribe live only, the hole being read from the resync source.
 */
export function subscribePayload(entry: Entry): object {
  const { cursor } = entry.channel;
  if (!cursor || entry.stream.cursor === undefined || entry.resync)
    return entry.params;
  return { ...entry.params, [cursor.param]: entry.stream.cursor };
}
