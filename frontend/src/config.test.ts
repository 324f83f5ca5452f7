import { describe, expect, it } from "vitest";
import { simulationMode } from "./config";

describe("simulationMode", () => {
  it.each([
    [undefined, "", "off"],
    ["1", "", "all"],
    ["broker", "", "broker"],
    [undefined, "?simulation=1", "all"],
    [undefined, "?simulation=broker", "broker"],
    ["1", "?simulation=0", "off"],
    ["0", "?simulation=all", "all"],
    ["1", "?simulation=nonsense", "all"],
  ])("VITE_SIMULATION=%s with %j selects %s", (env, search, mode) => {
    expect(simulationMode({ simulation: env }, search)).toBe(mode);
  });

  it.each([
    [{ fallback: "1" }, "", "all"],
    [{}, "?fallback=1", "all"],
    [{}, "?fallback=broker", "broker"],
    [{ fallback: "1" }, "?fallback=0", "off"],
    [{ simulation: "broker", fallback: "1" }, "", "broker"],
    [{}, "?simulation=off&fallback=1", "off"],
  ])(
    "still reads the earlier names: env %j with %j selects %s",
    (env, search, mode) => {
      expect(simulationMode(env, search)).toBe(mode);
    },
  );
});
