import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable";

const coded = (code: string, message = "x") =>
  Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", coded("ECONNREFUSED")],
    ["a reset connection", coded("ECONNRESET")],
    ["an administrator shutdown (57P01)", coded("57P01")],
    ["a server still starting (57P03)", coded("57P03")],
    ["a connection exception (08006)", coded("08006")],
    ["too many connections (53300)", coded("53300")],
    ["pg's ended connection", new Error("Connection terminated unexpectedly")],
    ["pg's pool timeout", new Error("timeout exceeded when trying to connect")],
    [
      "Node's AggregateError of refused addresses",
      new AggregateError([coded("ECONNREFUSED")], "connect failed"),
    ],
    [
      "a wrapped cause",
      new Error("query failed", { cause: coded("ECONNRESET") }),
    ],
  ])("is true for %s", (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ["a missing table (42P01)", coded("42P01", 'relation "x" does not exist')],
    ["a unique violation (23505)", coded("23505")],
    ["a plain error", new Error("boom")],
    ["not an error", "ECONNREFUSED"],
    ["null", null],
  ])("is false for %s", (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
