import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_LOGIN_LIMITS, loadConfig } from "./config";

describe("loadConfig: login limits, proxies and the body limit", () => {
  it("has documented defaults", () => {
    const config = loadConfig({});
    expect(config.login).toEqual({
      windowMs: 600_000,
      maxAttemptsPerAddress: 30,
      maxFailuresPerUsername: 5,
      lockoutMs: 60_000,
      maxLockoutMs: 3_600_000,
      hashConcurrency: 2,
      hashQueue: 32,
    });
    expect(config.login).toEqual(DEFAULT_LOGIN_LIMITS);
    expect(config.trustProxy).toBe(false);
    expect(config.maxBodyBytes).toBe(1_048_576);
  });

  it("reads every variable", () => {
    const config = loadConfig({
      LOGIN_WINDOW_SECONDS: "120",
      LOGIN_MAX_ATTEMPTS_PER_ADDRESS: "7",
      LOGIN_MAX_FAILURES_PER_USERNAME: "3",
      LOGIN_LOCKOUT_SECONDS: "10",
      LOGIN_LOCKOUT_MAX_SECONDS: "40",
      LOGIN_HASH_CONCURRENCY: "1",
      LOGIN_HASH_QUEUE: "0",
      TRUST_PROXY: "10.0.0.0/8, 192.168.1.1,::1",
      HTTP_MAX_BODY_BYTES: "4096",
    });
    expect(config.maxBodyBytes).toBe(4096);
    expect(config.login).toEqual({
      windowMs: 120_000,
      maxAttemptsPerAddress: 7,
      maxFailuresPerUsername: 3,
      lockoutMs: 10_000,
      maxLockoutMs: 40_000,
      hashConcurrency: 1,
      hashQueue: 0,
    });
    expect(config.trustProxy).toEqual(["10.0.0.0/8", "192.168.1.1", "::1"]);
    expect(loadConfig({ TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
  });

  it.each([
    [
      { LOGIN_MAX_FAILURES_PER_USERNAME: "0" },
      "LOGIN_MAX_FAILURES_PER_USERNAME",
    ],
    [{ LOGIN_HASH_CONCURRENCY: "65" }, "LOGIN_HASH_CONCURRENCY"],
    [{ LOGIN_WINDOW_SECONDS: "soon" }, "LOGIN_WINDOW_SECONDS"],
    [
      { LOGIN_LOCKOUT_SECONDS: "600", LOGIN_LOCKOUT_MAX_SECONDS: "60" },
      "LOGIN_LOCKOUT_MAX_SECONDS",
    ],
    [{ TRUST_PROXY: "proxy.example.com" }, "TRUST_PROXY"],
    [{ TRUST_PROXY: "10.0.0.0/33" }, "TRUST_PROXY"],
  ])("rejects %j naming %s", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (err) {
      expect((err as ConfigError).variable).toBe(variable);
    }
  });
});
