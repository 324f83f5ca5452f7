import { describe, expect, it } from "vitest";
import { envReader } from "../../../env";
import { DEFAULT_HISTORY_JOBS_CONFIG, readHistoryJobsConfig } from "./config";

const read = (variables: NodeJS.ProcessEnv) =>
  readHistoryJobsConfig(envReader(variables));

describe("the history jobs limits", () => {
  it("has documented defaults", () => {
    expect(read({})).toEqual({
      perAccount: 2,
      concurrency: 2,
      retentionHours: 24,
      cancelTimeoutMs: 5_000,
    });
    expect(read({})).toEqual(DEFAULT_HISTORY_JOBS_CONFIG);
  });

  it("reads every variable", () => {
    expect(
      read({
        HISTORY_JOBS_PER_ACCOUNT: "5",
        HISTORY_JOBS_CONCURRENCY: "1",
        HISTORY_JOBS_RETENTION_HOURS: "48",
        HISTORY_JOBS_CANCEL_TIMEOUT_MS: "300",
      }),
    ).toEqual({
      perAccount: 5,
      concurrency: 1,
      retentionHours: 48,
      cancelTimeoutMs: 300,
    });
  });

  it.each([
    [
      { HISTORY_JOBS_CONCURRENCY: "0" },
      "invalid configuration: HISTORY_JOBS_CONCURRENCY must be between 1 and 64, got 0",
    ],
    [
      { HISTORY_JOBS_PER_ACCOUNT: "two" },
      'invalid configuration: HISTORY_JOBS_PER_ACCOUNT must be an integer, got "two"',
    ],
  ])("rejects %j", (env, message) => {
    expect(() => read(env)).toThrow(message);
  });
});
