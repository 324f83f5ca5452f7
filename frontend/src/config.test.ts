import { describe, expect, it } from "vitest";
import { fallbackMode } from "./config";

describe("fallbackMode", () => {
  it.each([
    [undefined, "", "off"],
    ["1", "", "all"],
    ["broker", "", "broker"],
    [undefined, "?fallback=1", "all"],
    [undefined, "?fallback=broker", "broker"],
    ["1", "?fallback=0", "off"],
    ["0", "?fallback=all", "all"],
    ["1", "?fallback=nonsense", "all"],
  ])("VITE_WS_FALLBACK=%s with %j selects %s", (env, search, mode) => {
    expect(fallbackMode(env, search)).toBe(mode);
  });
});
