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
      heartbeatMs: 10_000,
      orphanAfterMs: 60_000,
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
        HISTORY_JOBS_HEARTBEAT_MS: "100",
        HISTORY_JOBS_ORPHAN_AFTER_MS: "201",
      }),
    ).toEqual({
      perAccount: 5,
      concurrency: 1,
      retentionHours: 48,
      cancelTimeoutMs: 300,
      heartbeatMs: 100,
      orphanAfterMs: 201,
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
    [
      { HISTORY_JOBS_HEARTBEAT_MS: "10" },
      "invalid configuration: HISTORY_JOBS_HEARTBEAT_MS must be between 50 and 600000, got 10",
    ],
    [
      { HISTORY_JOBS_HEARTBEAT_MS: "100", HISTORY_JOBS_ORPHAN_AFTER_MS: "200" },
      "invalid configuration: HISTORY_JOBS_ORPHAN_AFTER_MS must be more than twice HISTORY_JOBS_HEARTBEAT_MS (100), got 200",
    ],
    [
      { HISTORY_JOBS_ORPHAN_AFTER_MS: "20000" },
      "invalid configuration: HISTORY_JOBS_ORPHAN_AFTER_MS must be more than twice HISTORY_JOBS_HEARTBEAT_MS (10000), got 20000",
    ],
  ])("rejects %j", (env, message) => {
    expect(() => read(env)).toThrow(message);
  });
});
