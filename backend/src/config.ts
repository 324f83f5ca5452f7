import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readClusterConfig, type ClusterConfig } from "./cluster/config";
import { envReader } from "./env";
import { readHttpConfig, type HttpConfig } from "./http/config";
import {
  readAlertsConfig,
  type AlertsConfig,
} from "./modules/analytics/alerts/config";
import {
  readIndicatorLimits,
  type IndicatorLimits,
} from "./modules/analytics/indicators/config";
import { readLoginLimits, type LoginLimits } from "./modules/auth/config";
import { readBrokerLimits, type BrokerLimits } from "./modules/broker/config";
import { readMarketConfig, type MarketConfig } from "./modules/datafeed/config";
import {
  readHistoryJobsConfig,
  type HistoryJobsConfig,
} from "./modules/datafeed/jobs/config";
import { readWsLimits, type WsLimits } from "./ws";
import {
  readWsDeflate,
  type WsDeflateConfig,
} from "./adapters/ws-deflate-config";

export { ConfigError } from "./env";

/**
 * The whole configuration, read once at start so that any bad variable stops the server before it
 * listens. Each part is declared and read beside the code it configures: the realtime core's limits
 * in ws/config.ts, the server's in http/config.ts, each module's in its own config.ts.
 */
export interface Config extends HttpConfig {
  /** DATA_DIR: the embedded database and the generated signing secret. */
  readonly dataDir: string;
  /** DATABASE_URL: PostgreSQL instead of the embedded database. */
  readonly databaseUrl: string | null;
  /** REDIS_URL: run clustered (Redis bus, leader election); needs DATABASE_URL. */
  readonly redisUrl: string | null;
  readonly cluster: ClusterConfig;
  /** JWT_SECRET: at least 32 characters; generated into DATA_DIR when unset. */
  readonly jwtSecret: string | null;
  readonly logLevel: string;
  /** FRONTEND_DIST: the built terminal served at `/`; nothing is served when it has no index.html. */
  readonly frontendDist: string;
  readonly ws: WsLimits;
  /** WS_DEFLATE*: permessage-deflate (adapters/ws-deflate-config.ts). */
  readonly wsDeflate: WsDeflateConfig;
  readonly market: MarketConfig;
  readonly login: LoginLimits;
  readonly broker: BrokerLimits;
  readonly alerts: AlertsConfig;
  readonly indicators: IndicatorLimits;
  readonly historyJobs: HistoryJobsConfig;
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
export function loadConfig(variables: NodeJS.ProcessEnv = process.env): Config {
  const env = envReader(variables);
  const logLevel = variables.LOG_LEVEL || "info";
  if (!LOG_LEVELS.includes(logLevel))
    env.fail("LOG_LEVEL", `must be one of ${LOG_LEVELS.join(", ")}`);
  const jwtSecret = variables.JWT_SECRET || null;
  if (jwtSecret !== null && jwtSecret.length < 32)
    env.fail("JWT_SECRET", "must be at least 32 characters");
  const ws = readWsLimits(env);
  const http = readHttpConfig(env);
  const databaseUrl = env.url("DATABASE_URL", ["postgres:", "postgresql:"]);
  const redisUrl = env.url("REDIS_URL", ["redis:", "rediss:"]);
  // Instances share one PostgreSQL; the embedded database belongs to one process.
  if (redisUrl !== null && databaseUrl === null)
    env.fail(
      "REDIS_URL",
      "needs DATABASE_URL: clustered instances share one PostgreSQL database",
    );
  return {
    ...http,
    dataDir: resolve(variables.DATA_DIR || ".data"),
    databaseUrl,
    redisUrl,
    cluster: readClusterConfig(env),
    jwtSecret,
    logLevel,
    frontendDist: resolve(
      variables.FRONTEND_DIST ||
        fileURLToPath(new URL("../../frontend/dist", import.meta.url)),
    ),
    ws,
    wsDeflate: readWsDeflate(env),
    market: readMarketConfig(env),
    login: readLoginLimits(env),
    broker: readBrokerLimits(env),
    alerts: readAlertsConfig(env),
    indicators: readIndicatorLimits(env),
    historyJobs: readHistoryJobsConfig(env),
  };
}
