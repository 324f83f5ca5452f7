import { CloseCode } from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { takeViolations } from "../support/conformance";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { TestSocket } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

interface Session {
  token: string;
  expiresAt: number;
  user: { id: string };
  accountId: string;
}

interface Summary {
  account: { id: string; name: string };
}

describe("switching the session to another of the user's accounts", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  let t: TradingApp;
  const sockets: TestSocket[] = [];
  const open = async (token: string) => {
    const s = await TestSocket.open(t.wsUrl, { token });
    sockets.push(s);
    return s;
  };
  const switchTo = (body: unknown, auth: { token?: string; cookie?: string }) =>
    t.request<Session>("POST", "/api/v1/auth/account", { ...auth, body });
  const account = (token: string) =>
    t.request<Summary>("GET", "/api/v1/broker/account", { token });

  beforeAll(async () => {
    t = await startTradingApp({ clock });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
    expect(takeViolations()).toEqual([]);
  });
  afterAll(() => t.close());

  it("issues a token for the named account as login does, revokes the old one and closes its sockets with 4001", async () => {
    const old = await t.login("alice");
    expect((await account(old)).body.account.id).toBe("acc-alice-main");
    const oldSocket = await open(old);
    expect((await oldSocket.subscribe("orders", {})).payload.status).toBe("ok");

    const res = await switchTo(
      { accountId: "acc-alice-swing" },
      { token: old },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      token: expect.any(String) as string,
      expiresAt: WEDNESDAY_10AM_NY + 12 * 3600 * 1000,
      user: { id: "u-alice", username: "alice", displayName: "Alice Carter" },
      accountId: "acc-alice-swing",
    });
    const fresh = res.body.token;
    expect(fresh).not.toBe(old);
    expect(res.headers.get("set-cookie")).toBe(
      `tw_token=${fresh}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200`,
    );

    expect(await oldSocket.closed).toEqual({
      code: CloseCode.TokenInvalid,
      reason: "the session has ended",
    });
    const summary = await account(fresh);
    expect(summary.status).toBe(200);
    expect(summary.body.account).toMatchObject({
      id: "acc-alice-swing",
      name: "Alice Swing",
    });
    const refused = await account(old);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: "UNAUTHORIZED" });
    const me = await t.request<{ accountId: string }>(
      "GET",
      "/api/v1/auth/me",
      {
        token: fresh,
      },
    );
    expect(me.body.accountId).toBe("acc-alice-swing");

    const socket = await open(fresh);
    expect((await socket.subscribe("orders", {})).payload).toEqual({
      status: "ok",
      topic: 'orders:{"accountId":"acc-alice-swing"}',
    });
  });

  it("switches a browser's cookie session and back again", async () => {
    const first = await t.login("alice");
    const swing = await switchTo(
      { accountId: "acc-alice-swing" },
      { cookie: `tw_token=${first}` },
    );
    expect(swing.status).toBe(200);
    const back = await switchTo(
      { accountId: "acc-alice-main" },
      { cookie: `tw_token=${swing.body.token}` },
    );
    expect(back.status).toBe(200);
    expect((await account(back.body.token)).body.account.id).toBe(
      "acc-alice-main",
    );
    expect((await account(first)).status).toBe(401);
    expect((await account(swing.body.token)).status).toBe(401);
  });

  it("answers 404 for another user's account or a missing one, as alike as can be, and changes nothing", async () => {
    const token = await t.login("alice");
    const socket = await open(token);
    await socket.subscribe("orders", {});
    const others = await switchTo({ accountId: "acc-bob-main" }, { token });
    const missing = await switchTo({ accountId: "acc-nobody" }, { token });
    expect(others.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(others.body).toEqual({
      code: "NOT_FOUND",
      message: "no account acc-bob-main",
      field: "accountId",
      requestId: expect.any(String) as string,
    });
    expect(missing.body).toMatchObject({ code: "NOT_FOUND" });
    expect(others.headers.get("set-cookie")).toBeNull();
    expect((await account(token)).body.account.id).toBe("acc-alice-main");
    expect(socket.isOpen).toBe(true);
    expect((await socket.ping()).type).toBe("pong");
  });

  it("refuses a malformed request with 400 and an unauthenticated one with 401, changing nothing", async () => {
    const token = await t.login("bob");
    const cases: [unknown, string | undefined][] = [
      [{ accountId: "acc-bob-main", userId: "u-alice" }, "userId"],
      [{}, "accountId"],
      [{ accountId: 7 }, "accountId"],
      [{ accountId: "" }, "accountId"],
      [{ accountId: "x".repeat(65) }, "accountId"],
      [{ accountId: "acc-bob\u0000main" }, "accountId"],
      [[], undefined],
    ];
    for (const [body, field] of cases) {
      const res = await switchTo(body, { token });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({
        code: "INVALID_PARAMS",
        ...(field ? { field } : {}),
      });
    }
    const anonymous = await switchTo({ accountId: "acc-bob-main" }, {});
    expect(anonymous.status).toBe(401);
    const forged = await switchTo(
      { accountId: "acc-bob-main" },
      { token: "garbage" },
    );
    expect(forged.status).toBe(401);
    const huge = await switchTo(
      { accountId: "acc-bob-main", pad: "x".repeat(1_100_000) },
      { token },
    );
    expect(huge.status).toBe(413);
    expect((await account(token)).status).toBe(200);
  });

  it("cannot be done twice with the same token: the first switch revoked it", async () => {
    const token = await t.login("alice");
    expect(
      (await switchTo({ accountId: "acc-alice-swing" }, { token })).status,
    ).toBe(200);
    const again = await switchTo({ accountId: "acc-alice-swing" }, { token });
    expect(again.status).toBe(401);
  });
});
