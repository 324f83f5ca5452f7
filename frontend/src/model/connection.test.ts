import { CloseCode } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { toConnectionView } from "./connection";

describe("toConnectionView", () => {
  it("shows an open socket as connected with its latency, 0 ms included", () => {
    expect(
      toConnectionView({ status: "open", attempt: 0, latencyMs: 0 }),
    ).toStrictEqual({
      status: "connected",
      attempt: 0,
      latencyMs: 0,
    });
  });

  it("shows the attempt and the wait while reconnecting", () => {
    expect(
      toConnectionView({
        status: "reconnecting",
        attempt: 3,
        delayMs: 2000,
        closeCode: CloseCode.ServiceRestart,
      }),
    ).toStrictEqual({
      status: "reconnecting",
      attempt: 3,
      retryInMs: 2000,
      closeCode: 1012,
    });
  });

  it("calls a retry dial reconnecting, the first dial connecting", () => {
    expect(toConnectionView({ status: "connecting", attempt: 2 }).status).toBe(
      "reconnecting",
    );
    expect(toConnectionView({ status: "connecting", attempt: 0 }).status).toBe(
      "connecting",
    );
  });

  it("carries the URL and the instance the client is on, whatever the status", () => {
    expect(
      toConnectionView({
        status: "open",
        attempt: 0,
        url: "wss://b.example/api/v1/ws",
        instance: "tw-b",
      }),
    ).toStrictEqual({
      status: "connected",
      attempt: 0,
      url: "wss://b.example/api/v1/ws",
      instance: "tw-b",
    });
    expect(
      toConnectionView({
        status: "reconnecting",
        attempt: 1,
        delayMs: 0,
        url: "wss://b.example/api/v1/ws",
      }),
    ).toStrictEqual({
      status: "reconnecting",
      attempt: 1,
      retryInMs: 0,
      url: "wss://b.example/api/v1/ws",
    });
  });

  it("shows idle and closed as offline, keeping the close code", () => {
    expect(toConnectionView({ status: "idle", attempt: 0 })).toStrictEqual({
      status: "offline",
      attempt: 0,
    });
    expect(
      toConnectionView({
        status: "closed",
        attempt: 0,
        closeCode: CloseCode.TokenInvalid,
      }),
    ).toStrictEqual({
      status: "offline",
      attempt: 0,
      closeCode: 4001,
    });
  });
});
