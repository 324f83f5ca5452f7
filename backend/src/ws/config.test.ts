import { describe, expect, it } from "vitest";
import { refusalOf } from "../../test/support/config-refusal";
import { envReader } from "../env";
import { DEFAULT_WS_LIMITS, readWsLimits } from "./config";

const read = (variables: NodeJS.ProcessEnv) =>
  readWsLimits(envReader(variables));

describe("the realtime core's limits (WS_*)", () => {
  it("has documented defaults", () => {
    expect(read({})).toEqual({
      maxFrameBytes: 65_536,
      maxSubscriptionsPerSocket: 200,
      messagesPerSecond: 50,
      messageBurst: 100,
      maxConnections: 20_000,
      maxConnectionsPerAccount: 20,
      slowBufferBytes: 262_144,
      maxBufferBytes: 4_194_304,
      heartbeatIntervalMs: 30_000,
      maxAnonymousPerAddress: 50,
      maxTotalBufferBytes: 268_435_456,
      sessionCheckMs: 60_000,
      replayMaxEvents: 100_000,
    });
    expect(read({})).toEqual(DEFAULT_WS_LIMITS);
  });

  it("reads every variable", () => {
    expect(
      read({
        WS_MAX_FRAME_BYTES: "2048",
        WS_MAX_SUBSCRIPTIONS: "7",
        WS_RATE_PER_SECOND: "9",
        WS_RATE_BURST: "11",
        WS_MAX_CONNECTIONS: "13",
        WS_MAX_CONNECTIONS_PER_ACCOUNT: "3",
        WS_SLOW_BUFFER_BYTES: "4096",
        WS_MAX_BUFFER_BYTES: "8192",
        WS_HEARTBEAT_MS: "1500",
        WS_MAX_ANONYMOUS_PER_ADDRESS: "4",
        WS_MAX_TOTAL_BUFFER_BYTES: "16384",
        WS_SESSION_CHECK_MS: "250",
        WS_REPLAY_MAX_EVENTS: "500",
      }),
    ).toEqual({
      maxFrameBytes: 2048,
      maxSubscriptionsPerSocket: 7,
      messagesPerSecond: 9,
      messageBurst: 11,
      maxConnections: 13,
      maxConnectionsPerAccount: 3,
      slowBufferBytes: 4096,
      maxBufferBytes: 8192,
      heartbeatIntervalMs: 1500,
      maxAnonymousPerAddress: 4,
      maxTotalBufferBytes: 16384,
      sessionCheckMs: 250,
      replayMaxEvents: 500,
    });
  });

  it.each([
    [
      { WS_MAX_SUBSCRIPTIONS: "0" },
      "WS_MAX_SUBSCRIPTIONS",
      "must be between 1",
    ],
    [
      { WS_SLOW_BUFFER_BYTES: "65536", WS_MAX_BUFFER_BYTES: "4096" },
      "WS_MAX_BUFFER_BYTES",
      "at least WS_SLOW_BUFFER_BYTES",
    ],
    [
      {
        WS_SLOW_BUFFER_BYTES: "4096",
        WS_MAX_BUFFER_BYTES: "65536",
        WS_MAX_TOTAL_BUFFER_BYTES: "16384",
      },
      "WS_MAX_TOTAL_BUFFER_BYTES",
      "at least WS_MAX_BUFFER_BYTES",
    ],
    [{ WS_SESSION_CHECK_MS: "10" }, "WS_SESSION_CHECK_MS", "between 100"],
  ])("rejects %j naming %s", (env, variable, reason) => {
    const error = refusalOf(() => read(env));
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(reason);
  });
});
