import { describe, expect, it } from "vitest";
import { envReader } from "../../../env";
import { DEFAULT_ALERTS_CONFIG, readAlertsConfig } from "./config";

const read = (variables: NodeJS.ProcessEnv) =>
  readAlertsConfig(envReader(variables));

describe("the alerts limits", () => {
  it("has documented defaults", () => {
    expect(read({})).toEqual({ maxPerAccount: 200 });
    expect(read({})).toEqual(DEFAULT_ALERTS_CONFIG);
  });

  it("reads ALERTS_MAX_PER_ACCOUNT", () => {
    expect(read({ ALERTS_MAX_PER_ACCOUNT: "3" })).toEqual({ maxPerAccount: 3 });
  });

  it.each([
    [
      { ALERTS_MAX_PER_ACCOUNT: "0" },
      "invalid configuration: ALERTS_MAX_PER_ACCOUNT must be between 1 and 100000, got 0",
    ],
    [
      { ALERTS_MAX_PER_ACCOUNT: "many" },
      'invalid configuration: ALERTS_MAX_PER_ACCOUNT must be an integer, got "many"',
    ],
  ])("rejects %j", (env, message) => {
    expect(() => read(env)).toThrow(message);
  });
});
