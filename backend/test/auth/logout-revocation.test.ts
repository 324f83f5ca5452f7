import { CloseCode } from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { takeViolations } from "../support/conformance";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { testDatabases } from "../support/databases";
import { TestSocket } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const REVOKED = {
  code: "UNAUTHORIZED",
  message: "the token has been revoked: log in again",
  requestId: expect.any(String) as string,
};

describe("logout revokes the token", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  let t: TradingApp;
  const sockets: TestSocket[] = [];
  const open = async (token: string) => {
    const s = await TestSocket.open(t.wsUrl, { token });
    sockets.push(s);
    return s;
  };
  beforeAll(async () => {
    t = await startTradingApp({ clock });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
    expect(takeViolations()).toEqual([]);
  });
  afterAll(() => t.close());

  it("refuses the token on REST with 401, closes its open socket with 4001 and refuses a new socket with it; the user's other session lives on", async () => {
    const token = await t.login("alice");
    const other = await t.login("alice");
    const socket = await open(token);
    const otherSocket = await open(other);
    for (const s of [socket, otherSocket])
      expect((await s.subscribe("orders", {})).payload.status).toBe("ok");
    expect(
      (await t.request("GET", "/api/v1/broker/account", { token })).status,
    ).toBe(200);

    const logout = await t.request("POST", "/api/v1/auth/logout", { token });
    expect(logout.status).toBe(204);

    expect(await socket.closed).toEqual({
      code: CloseCode.TokenInvalid,
      reason: "the session has ended",
    });
    const rest = await t.request("GET", "/api/v1/broker/account", { token });
    expect(rest.status).toBe(401);
    expect(rest.body).toEqual(REVOKED);
    expect((await t.request("GET", "/api/v1/auth/me", { token })).status).toBe(
      401,
    );
    const again = await open(token);
    expect((await again.closed).code).toBe(CloseCode.TokenInvalid);

    expect(otherSocket.isOpen).toBe(true);
    expect((await otherSocket.ping()).type).toBe("pong");
    expect(
      (await t.request("GET", "/api/v1/broker/account", { token: other }))
        .status,
    ).toBe(200);
  });

  it("revokes the token of the cookie a browser sends, and clears the cookie", async () => {
    const token = await t.login("bob");
    const cookie = `tw_token=${token}`;
    expect(
      (await t.request("GET", "/api/v1/broker/orders", { cookie })).status,
    ).toBe(200);
    const logout = await t.request("POST", "/api/v1/auth/logout", { cookie });
    expect(logout.status).toBe(204);
    expect(logout.headers.get("set-cookie")).toBe(
      "tw_token=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0",
    );
    const after = await t.request("GET", "/api/v1/broker/orders", { cookie });
    expect(after.status).toBe(401);
    expect(after.body).toEqual(REVOKED);
  });

  it("answers 204 to a logout without a token or with an invalid one, and revokes nothing", async () => {
    const token = await t.login("bob");
    expect((await t.request("POST", "/api/v1/auth/logout")).status).toBe(204);
    expect(
      (await t.request("POST", "/api/v1/auth/logout", { token: "garbage" }))
        .status,
    ).toBe(204);
    expect(
      (await t.request("GET", "/api/v1/broker/account", { token })).status,
    ).toBe(200);
  });
});

describe.each(testDatabases())("revoked tokens on $name", (engine) => {
  afterAll(() => engine.dispose());

  it("stay revoked after a restart on the same database, and are pruned once they have expired", async () => {
    const clock = new ManualClock(WEDNESDAY_10AM_NY);
    let t = await startTradingApp({ clock, database: await engine.open() });
    const revoked = await t.login("alice");
    const kept = await t.login("alice");
    expect(
      (await t.request("POST", "/api/v1/auth/logout", { token: revoked }))
        .status,
    ).toBe(204);
    await t.close();

    t = await startTradingApp({ clock, database: await engine.open() });
    const refused = await t.request("GET", "/api/v1/auth/me", {
      token: revoked,
    });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(REVOKED);
    expect(
      (await t.request("GET", "/api/v1/auth/me", { token: kept })).status,
    ).toBe(200);
    const rows = await t.database.db
      .selectFrom("revoked_tokens")
      .select(["user_id", "expires_at"])
      .execute();
    expect(rows).toEqual([
      { user_id: "u-alice", expires_at: WEDNESDAY_10AM_NY + 12 * 3600_000 },
    ]);
    await t.close();

    // Twelve hours on, the token has expired anyway: the next start forgets it.
    clock.advance(12 * 3600_000);
    t = await startTradingApp({ clock, database: await engine.open() });
    expect(
      await t.database.db.selectFrom("revoked_tokens").selectAll().execute(),
    ).toEqual([]);
    const expired = await t.request("GET", "/api/v1/auth/me", {
      token: revoked,
    });
    expect(expired.body).toEqual({
      requestId: expect.any(String) as string,
      code: "UNAUTHORIZED",
      message: "the token has expired: log in again",
    });
    await t.close();
  });
});
