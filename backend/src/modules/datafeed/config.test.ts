import { describe, expect, it } from "vitest";
import { envReader } from "../../env";
import { readMarketConfig } from "./config";

const read = (variables: NodeJS.ProcessEnv) =>
  readMarketConfig(envReader(variables));

describe("the simulated market's settings", () => {
  it("has documented defaults", () => {
    expect(read({})).toEqual({
      seed: 20_261_126,
      backfillDays: 30,
      tickIntervalMs: 250,
      historyCacheMinutes: 20_160,
      historyBlockCacheMb: 256,
    });
  });

  it("reads every variable", () => {
    expect(
      read({
        MARKET_SEED: "7",
        BACKFILL_DAYS: "0",
        MARKET_TICK_MS: "1000",
        HISTORY_CACHE_MINUTES: "0",
        HISTORY_BLOCK_CACHE_MB: "0",
      }),
    ).toEqual({
      seed: 7,
      backfillDays: 0,
      tickIntervalMs: 1000,
      historyCacheMinutes: 0,
      historyBlockCacheMb: 0,
    });
  });

  it.each([
    [
      { MARKET_SEED: "-1" },
      "invalid configuration: MARKET_SEED must be between 0 and 2147483647, got -1",
    ],
    [
      { BACKFILL_DAYS: "3651" },
      "invalid configuration: BACKFILL_DAYS must be between 0 and 3650, got 3651",
    ],
    [
      { MARKET_TICK_MS: "9" },
      "invalid configuration: MARKET_TICK_MS must be between 10 and 60000, got 9",
    ],
    [
      { HISTORY_CACHE_MINUTES: "x" },
      'invalid configuration: HISTORY_CACHE_MINUTES must be an integer, got "x"',
    ],
    [
      { HISTORY_BLOCK_CACHE_MB: "65537" },
      "invalid configuration: HISTORY_BLOCK_CACHE_MB must be between 0 and 65536, got 65537",
    ],
  ])("rejects %j", (env, message) => {
    expect(() => read(env)).toThrow(message);
  });
});
