import type { EnvReader } from "../env";

/** Limits that protect the server from one client; every one is an environment variable. */
export interface WsLimits {
  /** WS_MAX_FRAME_BYTES: an inbound frame larger than this closes the socket with 1009. */
  readonly maxFrameBytes: number;
  /** WS_MAX_SUBSCRIPTIONS: topics one socket may hold at once. */
  readonly maxSubscriptionsPerSocket: number;
  /** WS_RATE_PER_SECOND / WS_RATE_BURST: inbound token bucket per socket. */
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  /** WS_MAX_CONNECTIONS: open sockets in total. */
  readonly maxConnections: number;
  /** WS_MAX_CONNECTIONS_PER_ACCOUNT: open sockets per authenticated account. */
  readonly maxConnectionsPerAccount: number;
  /** WS_SLOW_BUFFER_BYTES: buffered bytes past which a socket counts as slow and conflation starts. */
  readonly slowBufferBytes: number;
  /** WS_MAX_BUFFER_BYTES: buffered bytes past which a slow socket on a non-conflatable channel is closed (4000). */
  readonly maxBufferBytes: number;
  /**
   * WS_HEARTBEAT_MS: interval of the liveness check. A socket that neither echoed its previous
   * ping nor consumed any of the output waiting for it since the previous check is terminated.
   */
  readonly heartbeatIntervalMs: number;
  /** WS_MAX_ANONYMOUS_PER_ADDRESS: open sockets without a token per client address (IPv6: per /64). */
  readonly maxAnonymousPerAddress: number;
  /** WS_MAX_TOTAL_BUFFER_BYTES: output waiting for all sockets together; past it the furthest behind are closed (4000). */
  readonly maxTotalBufferBytes: number;
  /** WS_SESSION_CHECK_MS: how often every authenticated socket's session is checked (revoked token, removed user or account). */
  readonly sessionCheckMs: number;
  /** WS_REPLAY_MAX_EVENTS: most events one cursor replay sends; past it the client is told RESYNC_REQUIRED. */
  readonly replayMaxEvents: number;
}

export const DEFAULT_WS_LIMITS: WsLimits = {
  maxFrameBytes: 64 * 1024,
  maxSubscriptionsPerSocket: 200,
  messagesPerSecond: 50,
  messageBurst: 100,
  maxConnections: 20_000,
  maxConnectionsPerAccount: 20,
  slowBufferBytes: 256 * 1024,
  maxBufferBytes: 4 * 1024 * 1024,
  heartbeatIntervalMs: 30_000,
  maxAnonymousPerAddress: 50,
  maxTotalBufferBytes: 256 * 1024 * 1024,
  sessionCheckMs: 60_000,
  replayMaxEvents: 100_000,
};

/** Each limit's variable and the range it accepts. */
const WS_VARIABLES: {
  readonly [K in keyof WsLimits]: readonly [
    name: string,
    min: number,
    max: number,
  ];
} = {
  maxFrameBytes: ["WS_MAX_FRAME_BYTES", 1024, 16 * 1024 * 1024],
  maxSubscriptionsPerSocket: ["WS_MAX_SUBSCRIPTIONS", 1, 100_000],
  messagesPerSecond: ["WS_RATE_PER_SECOND", 1, 1_000_000],
  messageBurst: ["WS_RATE_BURST", 1, 1_000_000],
  maxConnections: ["WS_MAX_CONNECTIONS", 1, 1_000_000],
  maxConnectionsPerAccount: ["WS_MAX_CONNECTIONS_PER_ACCOUNT", 1, 1_000_000],
  slowBufferBytes: ["WS_SLOW_BUFFER_BYTES", 1024, 1024 * 1024 * 1024],
  maxBufferBytes: ["WS_MAX_BUFFER_BYTES", 1024, 1024 * 1024 * 1024],
  heartbeatIntervalMs: ["WS_HEARTBEAT_MS", 100, 3_600_000],
  maxAnonymousPerAddress: ["WS_MAX_ANONYMOUS_PER_ADDRESS", 1, 1_000_000],
  maxTotalBufferBytes: [
    "WS_MAX_TOTAL_BUFFER_BYTES",
    1024,
    64 * 1024 * 1024 * 1024,
  ],
  sessionCheckMs: ["WS_SESSION_CHECK_MS", 100, 86_400_000],
  replayMaxEvents: ["WS_REPLAY_MAX_EVENTS", 1, 100_000_000],
};

/** The WS_* variables. */
export function readWsLimits(env: EnvReader): WsLimits {
  const read = (key: keyof WsLimits): number => {
    const [name, min, max] = WS_VARIABLES[key];
    return env.int(name, DEFAULT_WS_LIMITS[key], min, max);
  };
  const ws: WsLimits = {
    maxFrameBytes: read("maxFrameBytes"),
    maxSubscriptionsPerSocket: read("maxSubscriptionsPerSocket"),
    messagesPerSecond: read("messagesPerSecond"),
    messageBurst: read("messageBurst"),
    maxConnections: read("maxConnections"),
    maxConnectionsPerAccount: read("maxConnectionsPerAccount"),
    slowBufferBytes: read("slowBufferBytes"),
    maxBufferBytes: read("maxBufferBytes"),
    heartbeatIntervalMs: read("heartbeatIntervalMs"),
    maxAnonymousPerAddress: read("maxAnonymousPerAddress"),
    maxTotalBufferBytes: read("maxTotalBufferBytes"),
    sessionCheckMs: read("sessionCheckMs"),
    replayMaxEvents: read("replayMaxEvents"),
  };
  if (ws.maxBufferBytes < ws.slowBufferBytes) {
    env.fail(
      "WS_MAX_BUFFER_BYTES",
      `must be at least WS_SLOW_BUFFER_BYTES (${ws.slowBufferBytes})`,
    );
  }
  if (ws.maxTotalBufferBytes < ws.maxBufferBytes) {
    env.fail(
      "WS_MAX_TOTAL_BUFFER_BYTES",
      `must be at least WS_MAX_BUFFER_BYTES (${ws.maxBufferBytes})`,
    );
  }
  return ws;
}
