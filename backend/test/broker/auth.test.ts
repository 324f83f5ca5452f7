import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JwtAuth } from "../../src/auth/jwt";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import {
  startTradingApp,
  TRADING_JWT_SECRET,
  type TradingApp,
} from "../support/trading-app";

describe("login, session and accounts", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  let t: TradingApp;
  beforeAll(async () => {
    t = await startTradingApp({ clock });
  });
  afterAll(() => t.close());

  it("logs a demo user in: a JWT for the default account and an HttpOnly cookie", async () => {
    const res = await t.request<{
      token: string;
      expiresAt: number;
      user: unknown;
      accountId: string;
    }>("POST", "/api/v1/auth/login", {
      body: { username: "alice", password: "demo1234" },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({
      id: "u-alice",
      username: "alice",
      displayName: "Alice Carter",
    });
    expect(res.body.accountId).toBe("acc-alice-main");
    expect(res.body.expiresAt).toBe(WEDNESDAY_10AM_NY + 12 * 3600 * 1000);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(
      new RegExp(
        `^tw_token=${res.body.token.replace(/\./g, "\\.")}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200$`,
      ),
    );
  });

  it("refuses a wrong password and an unknown user alike, with 401", async () => {
    const wrong = await t.request("POST", "/api/v1/auth/login", {
      body: { username: "alice", password: "nope" },
    });
    const unknown = await t.request("POST", "/api/v1/auth/login", {
      body: { username: "mallory", password: "demo1234" },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({
      requestId: expect.any(String) as string,
      code: "UNAUTHORIZED",
      message: "wrong username or password",
    });
    // Alike but for their own request ids.
    expect(unknown.body).toEqual({
      requestId: expect.any(String) as string,
      code: "UNAUTHORIZED",
      message: "wrong username or password",
    });
    const missing = await t.request("POST", "/api/v1/auth/login", {
      body: { username: "alice" },
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      code: "INVALID_PARAMS",
      field: "password",
    });
  });

  it("answers /auth/me from the bearer token or the cookie, with every account of the user", async () => {
    const token = await t.login("alice");
    const byBearer = await t.request("GET", "/api/v1/auth/me", { token });
    const byCookie = await t.request("GET", "/api/v1/auth/me", {
      cookie: `tw_token=${token}`,
    });
    expect(byBearer.status).toBe(200);
    expect(byBearer.body).toEqual({
      user: { id: "u-alice", username: "alice", displayName: "Alice Carter" },
      accountId: "acc-alice-main",
      accounts: [
        { id: "acc-alice-main", name: "Alice Main", currency: "USD" },
        { id: "acc-alice-swing", name: "Alice Swing", currency: "USD" },
      ],
    });
    expect(byCookie.body).toEqual(byBearer.body);
  });

  it("answers 401 without a token, with a bad one, and with an expired one", async () => {
    expect((await t.request("GET", "/api/v1/auth/me")).status).toBe(401);
    expect(
      (await t.request("GET", "/api/v1/broker/orders", { token: "garbage" }))
        .status,
    ).toBe(401);
    const expired = (
      await new JwtAuth(TRADING_JWT_SECRET, clock).sign(
        { userId: "u-alice", accountId: "acc-alice-main" },
        -1,
      )
    ).token;
    const res = await t.request("GET", "/api/v1/broker/account", {
      token: expired,
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      requestId: expect.any(String) as string,
      code: "UNAUTHORIZED",
      message: "the token has expired: log in again",
    });
  });

  it("clears the cookie on logout", async () => {
    const res = await t.request("POST", "/api/v1/auth/logout");
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toBe(
      "tw_token=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0",
    );
  });

  it("stores passwords as salted scrypt hashes, never in clear", async () => {
    const rows = await t.database.db
      .selectFrom("users")
      .select(["username", "password_hash"])
      .orderBy("username")
      .execute();
    expect(rows.map((r) => r.username)).toEqual(["alice", "bob"]);
    for (const r of rows) {
      expect(r.password_hash).toMatch(
        /^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/,
      );
      expect(r.password_hash).not.toContain("demo1234");
    }
    expect(rows[0]?.password_hash).not.toBe(rows[1]?.password_hash);
  });
});
