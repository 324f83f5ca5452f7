import { describe, expect, it } from "vitest";
import { refusalOf } from "../../../test/support/config-refusal";
import { envReader } from "../../env";
import { DEFAULT_LOGIN_LIMITS, readLoginLimits } from "./config";

const read = (variables: NodeJS.ProcessEnv) =>
  readLoginLimits(envReader(variables));

describe("login limits (LOGIN_*)", () => {
  it("has documented defaults", () => {
    expect(read({})).toEqual({
      windowMs: 600_000,
      maxAttemptsPerAddress: 30,
      maxFailuresPerUsername: 5,
      lockoutMs: 60_000,
      maxLockoutMs: 3_600_000,
      hashConcurrency: 2,
      hashQueue: 32,
    });
    expect(read({})).toEqual(DEFAULT_LOGIN_LIMITS);
  });

  it("reads every variable, times in seconds", () => {
    expect(
      read({
        LOGIN_WINDOW_SECONDS: "120",
        LOGIN_MAX_ATTEMPTS_PER_ADDRESS: "7",
        LOGIN_MAX_FAILURES_PER_USERNAME: "3",
        LOGIN_LOCKOUT_SECONDS: "10",
        LOGIN_LOCKOUT_MAX_SECONDS: "40",
        LOGIN_HASH_CONCURRENCY: "1",
        LOGIN_HASH_QUEUE: "0",
      }),
    ).toEqual({
      windowMs: 120_000,
      maxAttemptsPerAddress: 7,
      maxFailuresPerUsername: 3,
      lockoutMs: 10_000,
      maxLockoutMs: 40_000,
      hashConcurrency: 1,
      hashQueue: 0,
    });
  });

  it.each([
    [
      { LOGIN_MAX_FAILURES_PER_USERNAME: "0" },
      "LOGIN_MAX_FAILURES_PER_USERNAME",
      "must be between 1",
    ],
    [{ LOGIN_HASH_CONCURRENCY: "65" }, "LOGIN_HASH_CONCURRENCY", "and 64"],
    [{ LOGIN_WINDOW_SECONDS: "soon" }, "LOGIN_WINDOW_SECONDS", "an integer"],
    [
      { LOGIN_LOCKOUT_SECONDS: "600", LOGIN_LOCKOUT_MAX_SECONDS: "60" },
      "LOGIN_LOCKOUT_MAX_SECONDS",
      "at least LOGIN_LOCKOUT_SECONDS (600)",
    ],
  ])("rejects %j naming %s", (env, variable, reason) => {
    const error = refusalOf(() => read(env));
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(reason);
  });
});
