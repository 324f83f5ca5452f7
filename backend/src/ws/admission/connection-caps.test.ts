import { CloseCode } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import type { ConnectionAuth } from "../../auth/identity";
import { DEFAULT_WS_LIMITS } from "../config";
import { ConnectionCaps } from "./connection-caps";
import { admitSocket } from "./socket-admission";
import { subscriptionLimitReached } from "./subscription-limit";

const limits = {
  ...DEFAULT_WS_LIMITS,
  maxConnections: 10,
  maxConnectionsPerAccount: 2,
  maxAnonymousPerAddress: 3,
};

function auth(accountId: string): ConnectionAuth {
  return {
    accountId,
    userId: `user-of-${accountId}`,
    tokenId: `token-of-${accountId}`,
    expiresAt: 2_000_000_000_000,
  };
}

describe("ConnectionCaps", () => {
  it("admits WS_MAX_ANONYMOUS_PER_ADDRESS sockets without a token per address, and counts addresses apart", () => {
    const caps = new ConnectionCaps(limits);
    for (let i = 0; i < 3; i++)
      expect(caps.admit(i, null, "10.0.0.1").ok).toBe(true);
    expect(caps.admit(3, null, "10.0.0.1")).toEqual({
      ok: false,
      code: CloseCode.TooManyConnections,
      reason: "at most 3 connections without a token per address",
    });
    expect(caps.admit(3, null, "10.0.0.2").ok).toBe(true);
  });

  it("frees an address's place when one of its sockets closes", () => {
    const caps = new ConnectionCaps(limits);
    for (let i = 0; i < 3; i++) caps.admit(i, null, "10.0.0.1");
    caps.release(null, "10.0.0.1");
    expect(caps.admit(2, null, "10.0.0.1").ok).toBe(true);
    expect(caps.admit(3, null, "10.0.0.1").ok).toBe(false);
  });

  it("counts authenticated sockets per account, not per address", () => {
    const caps = new ConnectionCaps(limits);
    expect(caps.admit(0, auth("acc-1"), "10.0.0.1").ok).toBe(true);
    expect(caps.admit(1, auth("acc-1"), "10.0.0.1").ok).toBe(true);
    expect(caps.admit(2, auth("acc-1"), "10.0.0.9")).toEqual({
      ok: false,
      code: CloseCode.TooManyConnections,
      reason: "at most 2 connections per account",
    });
    expect(caps.admit(2, auth("acc-2"), "10.0.0.1").ok).toBe(true);
    // The address's anonymous places are untouched by the authenticated sockets.
    for (let i = 0; i < 3; i++)
      expect(caps.admit(3 + i, null, "10.0.0.1").ok).toBe(true);
  });

  it("refuses any socket once the server holds WS_MAX_CONNECTIONS", () => {
    const caps = new ConnectionCaps(limits);
    expect(caps.admit(10, auth("acc-3"), "10.0.0.3")).toEqual({
      ok: false,
      code: CloseCode.TryAgainLater,
      reason: "server is at its connection limit",
    });
  });
});

describe("admitSocket", () => {
  it("refuses while the server shuts down, and a bad token, before counting anything", () => {
    const caps = new ConnectionCaps({ ...limits, maxAnonymousPerAddress: 1 });
    const open = { closing: false, open: 0 };
    expect(
      admitSocket(caps, { ...open, closing: true }, { kind: "anonymous" }, "a"),
    ).toEqual({
      ok: false,
      code: CloseCode.ServiceRestart,
      reason: "server is shutting down",
    });
    expect(admitSocket(caps, open, { kind: "invalid" }, "a")).toEqual({
      ok: false,
      code: CloseCode.TokenInvalid,
      reason: "invalid or expired token",
    });
    expect(admitSocket(caps, open, { kind: "anonymous" }, "a")).toEqual({
      ok: true,
      auth: null,
    });
    expect(admitSocket(caps, open, { kind: "anonymous" }, "a").ok).toBe(false);
  });

  it("hands the token's identity to the connection", () => {
    const caps = new ConnectionCaps(limits);
    const identity = auth("acc-4");
    expect(
      admitSocket(
        caps,
        { closing: false, open: 0 },
        { kind: "authenticated", auth: identity },
        "a",
      ),
    ).toEqual({ ok: true, auth: identity });
  });
});

describe("subscriptionLimitReached", () => {
  it("counts subscriptions still waiting for their topic against the limit", () => {
    expect(subscriptionLimitReached(2, 0, 3)).toBeNull();
    expect(subscriptionLimitReached(2, 1, 3)).toBe(
      "a socket may hold at most 3 subscriptions",
    );
    expect(subscriptionLimitReached(3, 0, 3)).not.toBeNull();
  });
});
