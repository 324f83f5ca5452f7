import { CloseCode } from "@tradewire/client";
import { afterEach, describe, expect, it } from "vitest";
import { createApp, type TradewireApp } from "../../src/app";
import { JwtAuth } from "../../src/auth/jwt";
import {
  SESSIONS_CHANNEL,
  type SessionEnded,
  type SessionGuard,
} from "../../src/auth/sessions";
import type { Bus } from "../../src/bus/bus";
import { systemClock } from "../../src/clock";
import { loadConfig } from "../../src/config";
import type { ConnectionAuth } from "../../src/auth/identity";
import { takeViolations } from "../support/conformance";
import { TEST_JWT_SECRET } from "../support/test-app";
import { TestSocket } from "../support/test-socket";

/** A guard as the auth module offers one: a set of ended sessions the test changes. */
class Sessions implements SessionGuard {
  readonly revoked = new Set<string>();
  readonly removedUsers = new Set<string>();
  failing = false;
  asked = 0;

  isActive(auth: ConnectionAuth): Promise<boolean> {
    this.asked += 1;
    if (this.failing) return Promise.reject(new Error("the store is down"));
    return Promise.resolve(
      !this.revoked.has(auth.tokenId) && !this.removedUsers.has(auth.userId),
    );
  }
}

interface SessionApp {
  app: TradewireApp;
  bus: Bus;
  guard: Sessions;
  wsUrl: string;
}

/** The real app with a module that offers a session guard (as the auth module does). */
async function startSessionApp(
  env: Record<string, string>,
): Promise<SessionApp> {
  const guard = new Sessions();
  let bus: Bus | null = null;
  const app = await createApp({
    config: loadConfig({
      LOG_LEVEL: "silent",
      JWT_SECRET: TEST_JWT_SECRET,
      DATA_DIR: "/nonexistent-unused",
      ...env,
    }),
    modules: (ctx) => {
      bus = ctx.bus;
      return [
        {
          name: "sessions",
          service: guard,
          registerRoutes: () => undefined,
          wsRouters: () => [],
          sessionGuard: guard,
          start: () => Promise.resolve(),
          stop: () => Promise.resolve(),
        },
      ];
    },
  });
  const url = await app.listen(0, "127.0.0.1");
  return {
    app,
    bus: bus as unknown as Bus,
    guard,
    wsUrl: `${url.replace(/^http/, "ws")}/api/v1/ws`,
  };
}

const auth = new JwtAuth(TEST_JWT_SECRET, systemClock);
const login = async (userId: string, accountId: string) => {
  const { token } = await auth.sign({ userId, accountId });
  return { token, tokenId: (await auth.verify(token)).tokenId };
};

describe("sessions end on the socket too", () => {
  let s: SessionApp | null = null;
  const sockets: TestSocket[] = [];
  const open = async (token: string) => {
    const socket = await TestSocket.open((s as SessionApp).wsUrl, { token });
    sockets.push(socket);
    return socket;
  };
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await s?.app.close();
    s = null;
    expect(takeViolations()).toEqual([]);
  });

  it("a logout announced on the bus closes that token's sockets with 4001, and only those", async () => {
    s = await startSessionApp({});
    const first = await login("u-alice", "acc-alice");
    const second = await login("u-alice", "acc-alice");
    const [a1, a2] = [await open(first.token), await open(first.token)];
    const other = await open(second.token);
    const ended: SessionEnded = {
      kind: "token-revoked",
      tokenId: first.tokenId,
    };
    await s.bus.publish(SESSIONS_CHANNEL, ended);
    for (const socket of [a1, a2])
      expect(await socket.closed).toEqual({
        code: CloseCode.TokenInvalid,
        reason: "the session has ended",
      });
    expect((await other.ping()).type).toBe("pong");
  });

  it("every WS_SESSION_CHECK_MS asks the guards, and closes the sockets of a revoked token or a removed user with 4001", async () => {
    s = await startSessionApp({ WS_SESSION_CHECK_MS: "200" });
    const alice = await login("u-alice", "acc-alice");
    const bob = await login("u-bob", "acc-bob");
    const carol = await login("u-carol", "acc-carol");
    const a = await open(alice.token);
    const b = await open(bob.token);
    const c = await open(carol.token);
    // Never announced on the bus: only the periodic check can find these.
    s.guard.revoked.add(alice.tokenId);
    s.guard.removedUsers.add("u-bob");
    for (const socket of [a, b])
      expect((await socket.closed).code).toBe(CloseCode.TokenInvalid);
    expect((await c.ping()).type).toBe("pong");
    expect(c.isOpen).toBe(true);
  });

  it("keeps the sockets when a guard fails (a store outage), and asks again at the next check", async () => {
    s = await startSessionApp({ WS_SESSION_CHECK_MS: "3600000" });
    const alice = await login("u-alice", "acc-alice");
    const a1 = await open(alice.token);
    const a2 = await open(alice.token);
    const anonymous = await TestSocket.open(s.wsUrl);
    sockets.push(anonymous);
    s.guard.failing = true;
    // Each upgrade asked once; the check asks once for the token's two sockets, not the anonymous one.
    const askedAtUpgrade = s.guard.asked;
    expect(askedAtUpgrade).toBe(2);
    expect(await s.app.gateway.checkSessions()).toBe(0);
    expect(s.guard.asked - askedAtUpgrade).toBe(1);
    expect((await a1.ping()).type).toBe("pong");
    s.guard.failing = false;
    s.guard.revoked.add(alice.tokenId);
    expect(await s.app.gateway.checkSessions()).toBe(1);
    for (const socket of [a1, a2])
      expect((await socket.closed).code).toBe(CloseCode.TokenInvalid);
    expect((await anonymous.ping()).type).toBe("pong");
  });
});
