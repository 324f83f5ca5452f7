import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_WS_LIMITS, loadConfig } from "./config";

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
    });
    expect(config.dataDir).toMatch(/\/\.data$/);
    expect(config.ws).toEqual(DEFAULT_WS_LIMITS);
  });

  it("reads every variable", () => {
    const config = loadConfig({
      PORT: "9001",
      HOST: "0.0.0.0",
      DATA_DIR: "/var/lib/tradewire",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test",
      REDIS_URL: "redis://127.0.0.1:6379",
      JWT_SECRET: "s".repeat(32),
      LOG_LEVEL: "warn",
      WS_MAX_FRAME_BYTES: "2048",
      WS_MAX_SUBSCRIPTIONS: "7",
      WS_RATE_PER_SECOND: "9",
      WS_RATE_BURST: "11",
      WS_MAX_CONNECTIONS: "13",
      WS_MAX_CONNECTIONS_PER_ACCOUNT: "3",
      WS_SLOW_BUFFER_BYTES: "4096",
      WS_MAX_BUFFER_BYTES: "8192",
      WS_HEARTBEAT_MS: "1500",
      WS_MAX_ANONYMOUS_PER_ADDRESS: "4",
      WS_MAX_TOTAL_BUFFER_BYTES: "16384",
      WS_SESSION_CHECK_MS: "250",
      WS_REPLAY_MAX_EVENTS: "500",
      ALLOWED_ORIGINS:
        "https://App.Example.com, http://localhost:5173,https://x.example:443",
    });
    expect(config).toMatchObject({
      port: 9001,
      host: "0.0.0.0",
      dataDir: "/var/lib/tradewire",
      logLevel: "warn",
    });
    expect(config.ws).toEqual({
      maxFrameBytes: 2048,
      maxSubscriptionsPerSocket: 7,
      messagesPerSecond: 9,
      messageBurst: 11,
      maxConnections: 13,
      maxConnectionsPerAccount: 3,
      slowBufferBytes: 4096,
      maxBufferBytes: 8192,
      heartbeatIntervalMs: 1500,
      maxAnonymousPerAddress: 4,
      maxTotalBufferBytes: 16384,
      sessionCheckMs: 250,
      replayMaxEvents: 500,
    });
    expect(config.allowedOrigins).toEqual([
      "https://app.example.com",
      "http://localhost:5173",
      "https://x.example",
    ]);
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
    [{ JWT_SECRET: "short" }, "JWT_SECRET", "at least 32 characters"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL", "must be one of"],
    [
      { WS_MAX_SUBSCRIPTIONS: "0" },
      "WS_MAX_SUBSCRIPTIONS",
      "must be between 1",
    ],
    [
      { WS_SLOW_BUFFER_BYTES: "65536", WS_MAX_BUFFER_BYTES: "4096" },
      "WS_MAX_BUFFER_BYTES",
      "at least WS_SLOW_BUFFER_BYTES",
    ],
    [
      {
        WS_SLOW_BUFFER_BYTES: "4096",
        WS_MAX_BUFFER_BYTES: "65536",
        WS_MAX_TOTAL_BUFFER_BYTES: "16384",
      },
      "WS_MAX_TOTAL_BUFFER_BYTES",
      "at least WS_MAX_BUFFER_BYTES",
    ],
    [{ WS_SESSION_CHECK_MS: "10" }, "WS_SESSION_CHECK_MS", "between 100"],
    [
      { ALLOWED_ORIGINS: "https://ok.example,https://bad.example/path" },
      "ALLOWED_ORIGINS",
      "nothing after it",
    ],
    [{ ALLOWED_ORIGINS: "*" }, "ALLOWED_ORIGINS", "not an origin"],
    [
      { ALLOWED_ORIGINS: "ftp://files.example" },
      "ALLOWED_ORIGINS",
      "http(s)://host[:port]",
    ],
  ])("rejects %j naming %s", (env, variable, reason) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toContain(reason);
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
});
