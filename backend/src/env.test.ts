import { describe, expect, it } from "vitest";
import { ConfigError, envReader } from "./env";

describe("envReader", () => {
  const env = envReader({
    N: " 42",
    NEG: "-3",
    EMPTY: "",
    FRACTION: "1.5",
    URL: "redis://127.0.0.1:6379",
  });

  it("reads integers within bounds and falls back when unset or empty", () => {
    expect(env.int("N", 7, 0, 100)).toBe(42);
    expect(env.int("NEG", 7, -10, 100)).toBe(-3);
    expect(env.int("EMPTY", 7, 0, 100)).toBe(7);
    expect(env.int("UNSET", 7, 0, 100)).toBe(7);
  });

  it("refuses a non-integer or an out-of-bounds value, naming the variable", () => {
    expect(() => env.int("FRACTION", 1, 0, 10)).toThrow(
      new ConfigError("FRACTION", 'must be an integer, got "1.5"'),
    );
    expect(() => env.int("N", 1, 0, 10)).toThrow(
      "invalid configuration: N must be between 0 and 10, got 42",
    );
  });

  it("reads a URL of an accepted protocol, null when unset", () => {
    expect(env.url("URL", ["redis:", "rediss:"])).toBe(
      "redis://127.0.0.1:6379",
    );
    expect(env.url("UNSET", ["redis:"])).toBeNull();
    expect(() => env.url("URL", ["postgres:"])).toThrow(
      "invalid configuration: URL must use postgres:, got redis:",
    );
  });
});
