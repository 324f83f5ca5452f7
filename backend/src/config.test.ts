import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { refusalOf } from "../test/support/config-refusal";
import { loadConfig, type ConfigError } from "./config";
import { hostname } from "node:os";
import { DEFAULT_LOGIN_LIMITS } from "./modules/auth/config";
import { DEFAULT_BROKER_LIMITS } from "./modules/broker/config";
import { DEFAULT_WS_LIMITS } from "./ws";

// Each part's variables are tested beside it (ws/, http/, modules/*/config.test.ts); this file
// proves loadConfig reads every part, and the server-wide variables.

function refusal(env: NodeJS.ProcessEnv): ConfigError {
  return refusalOf(() => loadConfig(env));
}

describe("loadConfig", () => {
  it("has documented defaults when nothing is set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8000,
      host: "127.0.0.1",
      databaseUrl: null,
      redisUrl: null,
      jwtSecret: null,
      logLevel: "info",
      allowedOrigins: [],
      maxBodyBytes: 1_048_576,
      trustProxy: false,
    });
    expect(config.dataDir).toMatch(/\/\.data$/);
    expect(config.cluster).toEqual({
      instanceId: `${hostname()}-${process.pid}`,
      leaderPollMs: 1000,
    });
    expect(config.ws).toEqual(DEFAULT_WS_LIMITS);
    expect(config.login).toEqual(DEFAULT_LOGIN_LIMITS);
    expect(config.broker).toEqual(DEFAULT_BROKER_LIMITS);
    expect(config.market).toEqual({
      seed: 20_261_126,
      backfillDays: 30,
      tickIntervalMs: 250,
      historyCacheMinutes: 20_160,
      historyBlockCacheMb: 256,
    });
  });

  it("reads the server-wide variables and every part's", () => {
    const config = loadConfig({
      PORT: "9001",
      HOST: "0.0.0.0",
      DATA_DIR: "/var/lib/tradewire",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test",
      REDIS_URL: "redis://127.0.0.1:6379",
      JWT_SECRET: "s".repeat(32),
      LOG_LEVEL: "warn",
      FRONTEND_DIST: "/srv/terminal",
      WS_MAX_SUBSCRIPTIONS: "7",
      MARKET_SEED: "42",
      LOGIN_HASH_QUEUE: "0",
      BROKER_PRICE_BAND: "10",
      INSTANCE_ID: "tw-eu-1",
      LEADER_POLL_MS: "250",
    });
    expect(config).toMatchObject({
      port: 9001,
      host: "0.0.0.0",
      dataDir: "/var/lib/tradewire",
      databaseUrl: "postgres://postgres@127.0.0.1:5432/test",
      redisUrl: "redis://127.0.0.1:6379",
      jwtSecret: "s".repeat(32),
      logLevel: "warn",
      frontendDist: "/srv/terminal",
    });
    expect(config.ws.maxSubscriptionsPerSocket).toBe(7);
    expect(config.market.seed).toBe(42);
    expect(config.login.hashQueue).toBe(0);
    expect(config.broker.priceBand).toBe(10);
    expect(config.cluster).toEqual({
      instanceId: "tw-eu-1",
      leaderPollMs: 250,
    });
  });

  it.each([
    [{ PORT: "eighty" }, "PORT", "must be an integer"],
    [{ PORT: "70000" }, "PORT", "must be between 0 and 65535"],
    [
      { DATABASE_URL: "mysql://x" },
      "DATABASE_URL",
      "must use postgres: or postgresql:",
    ],
    [{ REDIS_URL: "not a url" }, "REDIS_URL", "must be a URL"],
    [
      { REDIS_URL: "redis://127.0.0.1:6379" },
      "REDIS_URL",
      "needs DATABASE_URL",
    ],
    [{ INSTANCE_ID: "eu 1" }, "INSTANCE_ID", "must be 1 to 64 letters"],
    [{ LEADER_POLL_MS: "10" }, "LEADER_POLL_MS", "must be between 50"],
    [{ JWT_SECRET: "short" }, "JWT_SECRET", "at least 32 characters"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL", "must be one of"],
    // One of each part's: all are checked at start, not when a module first reads them.
    [
      { WS_MAX_SUBSCRIPTIONS: "0" },
      "WS_MAX_SUBSCRIPTIONS",
      "must be between 1",
    ],
    [{ ALLOWED_ORIGINS: "*" }, "ALLOWED_ORIGINS", "not an origin"],
    [{ MARKET_TICK_MS: "5" }, "MARKET_TICK_MS", "must be between 10"],
    [{ LOGIN_WINDOW_SECONDS: "soon" }, "LOGIN_WINDOW_SECONDS", "an integer"],
    [{ BROKER_PRICE_BAND: "1" }, "BROKER_PRICE_BAND", "must be between 2"],
  ])("rejects %j naming %s", (env, variable, reason) => {
    const error = refusal(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(`invalid configuration: ${variable}`);
    expect(error.message).toContain(reason);
  });

  it("stops the server at start with a message naming the bad variable", () => {
    const main = fileURLToPath(new URL("./main.ts", import.meta.url));
    const run = spawnSync(process.execPath, ["--import", "tsx", main], {
      env: { ...process.env, PORT: "not-a-port" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain(
      'tradewire: invalid configuration: PORT must be an integer, got "not-a-port"',
    );
  });

  it("refuses REDIS_URL without DATABASE_URL at start, in one line", () => {
    const main = fileURLToPath(new URL("./main.ts", import.meta.url));
    const run = spawnSync(process.execPath, ["--import", "tsx", main], {
      env: {
        ...process.env,
        REDIS_URL: "redis://127.0.0.1:6379",
        DATABASE_URL: "",
      },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toBe(
      "tradewire: invalid configuration: REDIS_URL needs DATABASE_URL: clustered instances share one PostgreSQL database\n",
    );
  });
});
