import { DEFAULT_BACKOFF, type BackoffOptions } from "./backoff.js";
import type { WireEncoding } from "./encoding.js";
import type { ResyncSources } from "./resync.js";
import { transportConstructor, type TransportName } from "./fallback.js";
import type { FetchLike } from "./sse-transport.js";
import { defaultWebSocket, type WebSocketConstructor } from "./transport.js";

/** A bearer token, or a function asked for a fresh one on every (re)connect. */
export type TokenSource =
  string | (() => string | undefined | Promise<string | undefined>);

/** Timer functions; injectable so tests can run the client on a fake clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Exactly one of `url` and `urls`. */
export type TradewireClientOptions = ClientOptionsBase &
  (
    | {
        /** The socket endpoint, e.g. `wss://host/api/v1/ws`. */
        readonly url: string;
        readonly urls?: undefined;
      }
    | {
        /**
         * Instances to fail over between, tried in this order and then round robin: the client
         * moves on when one goes away (1012), a dial fails or the network drops.
         */
        readonly urls: readonly string[];
        readonly url?: undefined;
      }
  );

export interface ClientOptionsBase {
  /** Sent as the `token` query parameter; browsers may rely on the `tw_token` cookie instead. */
  readonly token?: TokenSource;
  /** Defaults to `globalThis.WebSocket`; in Node pass `WebSocket` from the `ws` package. */
  readonly WebSocket?: WebSocketConstructor;
  /**
   * Frames as JSON text (`json`, the default), MessagePack (`msgpack`), or MessagePack when the
   * server speaks it and JSON otherwise (`auto`); negotiated with the WebSocket subprotocol.
   */
  readonly encoding?: WireEncoding;
  readonly reconnect?: Partial<BackoffOptions>;
  /**
   * Transports in order of preference. `["websocket", "sse"]` falls back to Server-Sent Events
   * plus POST (`/api/v1/sse`) when a WebSocket cannot be opened, and keeps to it for the life of
   * the client once it worked. Defaults to `["websocket"]`.
   */
  readonly transports?: readonly TransportName[];
  /** The `fetch` the event stream uses; defaults to the global one. */
  readonly fetch?: FetchLike;
  /** How long a dial may take to open before it is abandoned and retried. */
  readonly connectTimeoutMs?: number;
  /** How long the server has to confirm a subscribe on an open socket. */
  readonly subscribeTimeoutMs?: number;
  /** Pause between a pong and the next ping; 0 turns the heartbeat off. */
  readonly heartbeatIntervalMs?: number;
  /** How long a ping may go unanswered before the socket is considered dead. */
  readonly heartbeatTimeoutMs?: number;
  /** Wait before sending again a subscribe or unsubscribe the server refused as RATE_LIMITED. */
  readonly rateLimitRetryMs?: number;
  /**
   * Where cursor channels recover events a replay could not deliver (the server's
   * RESYNC_REQUIRED), e.g. `{ executions: executionsResync(rest) }`. See `onResync`.
   */
  readonly resync?: ResyncSources;
  readonly timers?: Timers;
  /** Epoch milliseconds; used for ping timestamps and latency. */
  readonly now?: () => number;
  /** A value in [0, 1); used for reconnect jitter. */
  readonly random?: () => number;
}

export interface ResolvedOptions {
  readonly urls: readonly string[];
  readonly token: TokenSource | undefined;
  readonly WebSocket: WebSocketConstructor;
  readonly encoding: WireEncoding;
  readonly reconnect: BackoffOptions;
  readonly connectTimeoutMs: number;
  readonly subscribeTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly heartbeatTimeoutMs: number;
  readonly rateLimitRetryMs: number;
  readonly resync: ResyncSources;
  readonly timers: Timers;
  readonly now: () => number;
  readonly random: () => number;
}

export const DEFAULTS = {
  connectTimeoutMs: 10_000,
  subscribeTimeoutMs: 10_000,
  heartbeatIntervalMs: 15_000,
  heartbeatTimeoutMs: 10_000,
  rateLimitRetryMs: 1_000,
} as const;

// Wrapped rather than passed as-is: browsers throw "Illegal invocation" when setTimeout is called
// with another `this`, and looking the globals up late lets vi.useFakeTimers replace them.
const globalTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) =>
    globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function resolveOptions(
  options: TradewireClientOptions,
): ResolvedOptions {
  const timers = options.timers ?? globalTimers;
  const connectTimeoutMs =
    options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs;
  const WebSocket = transportConstructor({
    transports: options.transports ?? ["websocket"],
    WebSocket: options.WebSocket ?? defaultWebSocket(),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    timers,
    // Half the dial's time for the upgrade, the rest for the event stream.
    openTimeoutMs: Math.ceil(connectTimeoutMs / 2),
  });
  if (!WebSocket) {
    throw new TypeError(
      "no global WebSocket: pass one, e.g. `WebSocket` from the ws package",
    );
  }
  return {
    urls: urlsOf(options),
    token: options.token,
    WebSocket,
    encoding: options.encoding ?? "json",
    reconnect: { ...DEFAULT_BACKOFF, ...definedOnly(options.reconnect ?? {}) },
    connectTimeoutMs,
    subscribeTimeoutMs:
      options.subscribeTimeoutMs ?? DEFAULTS.subscribeTimeoutMs,
    heartbeatIntervalMs:
      options.heartbeatIntervalMs ?? DEFAULTS.heartbeatIntervalMs,
    heartbeatTimeoutMs:
      options.heartbeatTimeoutMs ?? DEFAULTS.heartbeatTimeoutMs,
    rateLimitRetryMs: options.rateLimitRetryMs ?? DEFAULTS.rateLimitRetryMs,
    resync: options.resync ?? {},
    timers,
    now: options.now ?? (() => Date.now()),
    random: options.random ?? Math.random,
  };
}

function urlsOf(options: {
  readonly url?: string;
  readonly urls?: readonly string[];
}): readonly string[] {
  const { url, urls } = options;
  if ((url === undefined) === (urls === undefined))
    throw new TypeError("pass exactly one of `url` and `urls`");
  const list = urls ?? [url ?? ""];
  if (list.length === 0 || list.some((u) => typeof u !== "string" || u === ""))
    throw new TypeError("`urls` must hold at least one non-empty URL");
  return [...list];
}

export async function resolveToken(
  token: TokenSource | undefined,
): Promise<string | undefined> {
  return typeof token === "function" ? await token() : token;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
