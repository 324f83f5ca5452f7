import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  readLoginLimits,
  readOrigins,
  readTrustProxy,
  type LoginLimits,
} from "./config-http";

export { DEFAULT_LOGIN_LIMITS, type LoginLimits } from "./config-http";

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

/** The simulated market of the datafeed module. */
export interface MarketConfig {
  /** MARKET_SEED: the same seed gives the same market, bar for bar. */
  readonly seed: number;
  /** BACKFILL_DAYS: days of 1-minute history generated on first start. */
  readonly backfillDays: number;
  /** MARKET_TICK_MS: how often live trades are released and quotes and forming bars published. */
  readonly tickIntervalMs: number;
  /** HISTORY_CACHE_MINUTES: newest 1-minute bars kept in memory per symbol read (0: none). */
  readonly historyCacheMinutes: number;
}

/** What one broker order may carry; every one is an environment variable. */
export interface BrokerLimits {
  /** BROKER_MAX_ORDER_QTY: the largest quantity one order may carry, in units of the instrument. */
  readonly maxOrderQty: number;
  /** BROKER_PRICE_BAND: order prices must lie between last / band and last x band. */
  readonly priceBand: number;
}

export const DEFAULT_BROKER_LIMITS: BrokerLimits = {
  maxOrderQty: 1_000_000,
  priceBand: 1000,
};

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  readonly redisUrl: string | null;
  readonly jwtSecret: string | null;
  readonly logLevel: string;
  /** FRONTEND_DIST: the built terminal served at `/`; nothing is served when it has no index.html. */
  readonly frontendDist: string;
  /**
   * ALLOWED_ORIGINS: browser origins, besides the page's own, allowed to open the WebSocket
   * (`https://app.example.com`), normalized to `scheme://host[:port]`.
   */
  readonly allowedOrigins: readonly string[];
  readonly ws: WsLimits;
  readonly market: MarketConfig;
  readonly login: LoginLimits;
  /** HTTP_MAX_BODY_BYTES: the largest request body; a larger one answers 413. */
  readonly maxBodyBytes: number;
  /**
   * TRUST_PROXY: whose X-Forwarded-For to believe for the client address (rate limits, logs):
   * false (the peer is the client), true (any peer), a hop count, or addresses and CIDR ranges.
   */
  readonly trustProxy: boolean | number | string[];
  readonly broker: BrokerLimits;
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

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`invalid configuration: ${variable} ${reason}`);
    this.name = "ConfigError";
  }
}

const LOG_LEVELS = [
  "fatal",
  "error",
  "warn",
  "info",
  "debug",
  "trace",
  "silent",
];

/** Read the configuration from environment variables; a bad value fails naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const int = (
    name: string,
    fallback: number,
    min: number,
    max: number,
  ): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    if (!/^-?\d+$/.test(raw.trim()))
      throw new ConfigError(
        name,
        `must be an integer, got ${JSON.stringify(raw)}`,
      );
    const value = Number(raw);
    if (value < min || value > max)
      throw new ConfigError(
        name,
        `must be between ${min} and ${max}, got ${value}`,
      );
    return value;
  };
  const url = (name: string, protocols: string[]): string | null => {
    const raw = env[name];
    if (raw === undefined || raw === "") return null;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(name, "must be a URL");
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new ConfigError(
        name,
        `must use ${protocols.join(" or ")}, got ${parsed.protocol}`,
      );
    }
    return raw;
  };
  const logLevel = env.LOG_LEVEL || "info";
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError(
      "LOG_LEVEL",
      `must be one of ${LOG_LEVELS.join(", ")}`,
    );
  const jwtSecret = env.JWT_SECRET || null;
  if (jwtSecret !== null && jwtSecret.length < 32)
    throw new ConfigError("JWT_SECRET", "must be at least 32 characters");
  const d = DEFAULT_WS_LIMITS;
  const ws: WsLimits = {
    maxFrameBytes: int(
      "WS_MAX_FRAME_BYTES",
      d.maxFrameBytes,
      1024,
      16 * 1024 * 1024,
    ),
    maxSubscriptionsPerSocket: int(
      "WS_MAX_SUBSCRIPTIONS",
      d.maxSubscriptionsPerSocket,
      1,
      100_000,
    ),
    messagesPerSecond: int(
      "WS_RATE_PER_SECOND",
      d.messagesPerSecond,
      1,
      1_000_000,
    ),
    messageBurst: int("WS_RATE_BURST", d.messageBurst, 1, 1_000_000),
    maxConnections: int("WS_MAX_CONNECTIONS", d.maxConnections, 1, 1_000_000),
    maxConnectionsPerAccount: int(
      "WS_MAX_CONNECTIONS_PER_ACCOUNT",
      d.maxConnectionsPerAccount,
      1,
      1_000_000,
    ),
    slowBufferBytes: int(
      "WS_SLOW_BUFFER_BYTES",
      d.slowBufferBytes,
      1024,
      1024 * 1024 * 1024,
    ),
    maxBufferBytes: int(
      "WS_MAX_BUFFER_BYTES",
      d.maxBufferBytes,
      1024,
      1024 * 1024 * 1024,
    ),
    heartbeatIntervalMs: int(
      "WS_HEARTBEAT_MS",
      d.heartbeatIntervalMs,
      100,
      3_600_000,
    ),
    maxAnonymousPerAddress: int(
      "WS_MAX_ANONYMOUS_PER_ADDRESS",
      d.maxAnonymousPerAddress,
      1,
      1_000_000,
    ),
    maxTotalBufferBytes: int(
      "WS_MAX_TOTAL_BUFFER_BYTES",
      d.maxTotalBufferBytes,
      1024,
      64 * 1024 * 1024 * 1024,
    ),
    sessionCheckMs: int(
      "WS_SESSION_CHECK_MS",
      d.sessionCheckMs,
      100,
      86_400_000,
    ),
    replayMaxEvents: int(
      "WS_REPLAY_MAX_EVENTS",
      d.replayMaxEvents,
      1,
      100_000_000,
    ),
  };
  if (ws.maxBufferBytes < ws.slowBufferBytes) {
    throw new ConfigError(
      "WS_MAX_BUFFER_BYTES",
      `must be at least WS_SLOW_BUFFER_BYTES (${ws.slowBufferBytes})`,
    );
  }
  if (ws.maxTotalBufferBytes < ws.maxBufferBytes) {
    throw new ConfigError(
      "WS_MAX_TOTAL_BUFFER_BYTES",
      `must be at least WS_MAX_BUFFER_BYTES (${ws.maxBufferBytes})`,
    );
  }
  const fail = (variable: string, reason: string): never => {
    throw new ConfigError(variable, reason);
  };
  return {
    port: int("PORT", 8000, 0, 65535),
    host: env.HOST || "127.0.0.1",
    dataDir: resolve(env.DATA_DIR || ".data"),
    databaseUrl: url("DATABASE_URL", ["postgres:", "postgresql:"]),
    redisUrl: url("REDIS_URL", ["redis:", "rediss:"]),
    jwtSecret,
    logLevel,
    frontendDist: resolve(
      env.FRONTEND_DIST ||
        fileURLToPath(new URL("../../frontend/dist", import.meta.url)),
    ),
    allowedOrigins: readOrigins("ALLOWED_ORIGINS", env.ALLOWED_ORIGINS, fail),
    ws,
    market: {
      seed: int("MARKET_SEED", 20_261_126, 0, 2 ** 31 - 1),
      backfillDays: int("BACKFILL_DAYS", 30, 0, 3650),
      tickIntervalMs: int("MARKET_TICK_MS", 250, 10, 60_000),
      // Two weeks of minutes: a 10k-bar 1-minute chart of a 24/7 symbol loads from memory.
      historyCacheMinutes: int("HISTORY_CACHE_MINUTES", 20_160, 0, 527_040),
    },
    login: readLoginLimits(int, fail),
    maxBodyBytes: int("HTTP_MAX_BODY_BYTES", 1_048_576, 1024, 64 * 1024 * 1024),
    trustProxy: readTrustProxy(env.TRUST_PROXY, fail),
    broker: {
      maxOrderQty: int(
        "BROKER_MAX_ORDER_QTY",
        DEFAULT_BROKER_LIMITS.maxOrderQty,
        1,
        1_000_000_000,
      ),
      priceBand: int(
        "BROKER_PRICE_BAND",
        DEFAULT_BROKER_LIMITS.priceBand,
        2,
        1_000_000,
      ),
    },
  };
}
