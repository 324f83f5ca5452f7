import { CloseCode } from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { JwtAuth } from "../../src/auth/jwt";
import { systemClock } from "../../src/clock";
import { takeViolations } from "../support/conformance";
import {
  startTestApp,
  TEST_JWT_SECRET,
  type TestApp,
} from "../support/test-app";
import { TestSocket } from "../support/test-socket";

describe("authentication on the socket", () => {
  let t: TestApp;
  const auth = new JwtAuth(TEST_JWT_SECRET, systemClock);
  const tokenFor = async (accountId: string, ttlSeconds?: number) =>
    (await auth.sign({ userId: `user-of-${accountId}`, accountId }, ttlSeconds))
      .token;
  const sockets: TestSocket[] = [];
  const open = async (options: Parameters<typeof TestSocket.open>[1] = {}) => {
    const s = await TestSocket.open(t.wsUrl, options);
    sockets.push(s);
    return s;
  };
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
    expect(takeViolations()).toEqual([]);
  });
  afterAll(() => t.close());

  it("refuses an anonymous subscribe to an account channel with UNAUTHORIZED, and serves public channels", async () => {
    const s = await open();
    const refused = await s.subscribe("orders", {});
    expect(refused.payload).toMatchObject({
      status: "error",
      topic: "",
      code: "UNAUTHORIZED",
    });
    expect(
      (await s.subscribe("bars", { symbol: "AAPL", resolution: "1" })).payload
        .status,
    ).toBe("ok");
  });

  it("takes the account from the token (query parameter), never from the params", async () => {
    const s = await open({ token: await tokenFor("acc-alice") });
    const ok = await s.subscribe("orders", {});
    expect(ok.payload).toEqual({
      status: "ok",
      topic: 'orders:{"accountId":"acc-alice"}',
    });
    expect(
      t.services.orders.refs.get('orders:{"accountId":"acc-alice"}')?.accountId,
    ).toBe("acc-alice");
    const naming = await s.subscribe("orders", { accountId: "acc-bob" });
    expect(naming.payload).toMatchObject({
      status: "error",
      code: "INVALID_PARAMS",
    });
  });

  it("accepts the token from the tw_token cookie, as a browser sends it", async () => {
    const s = await open({
      cookie: `theme=dark; tw_token=${await tokenFor("acc-carol")}`,
    });
    expect((await s.subscribe("equity", {})).payload).toEqual({
      status: "ok",
      topic: 'equity:{"accountId":"acc-carol"}',
    });
  });

  it("keeps two accounts' updates apart", async () => {
    const alice = await open({ token: await tokenFor("acc-a") });
    const bob = await open({ token: await tokenFor("acc-b") });
    await alice.subscribe("equity", {});
    await bob.subscribe("equity", {});
    t.services.equity.publish('equity:{"accountId":"acc-a"}', {
      accountId: "acc-a",
      currency: "USD",
      balance: 100_000,
      equity: 100_250,
      unrealizedPl: 250,
      realizedPl: 0,
      buyingPower: 200_000,
      time: 1_700_000_000_000,
    });
    expect((await alice.nextOfType("equity.update")).payload.topic).toBe(
      'equity:{"accountId":"acc-a"}',
    );
    await bob.ping();
    expect(bob.frames.filter((f) => f.type === "equity.update")).toEqual([]);
  });

  it("closes a connection with an invalid token with 4001", async () => {
    const s = await open({ token: "not-a-jwt" });
    expect(await s.closed).toEqual({
      code: CloseCode.TokenInvalid,
      reason: "invalid or expired token",
    });
  });

  it("closes a connection with a token signed by another secret with 4001", async () => {
    const forged = (
      await new JwtAuth(
        "another-secret-that-is-also-long-enough-0123",
        systemClock,
      ).sign({ userId: "u", accountId: "acc-alice" })
    ).token;
    const s = await open({ token: forged });
    expect((await s.closed).code).toBe(CloseCode.TokenInvalid);
  });

  it("closes a connection with an expired token with 4001", async () => {
    const s = await open({ token: await tokenFor("acc-old", -60) });
    expect((await s.closed).code).toBe(CloseCode.TokenInvalid);
  });

  it("closes a connection with 4001 when its token expires while it is open", async () => {
    const s = await open({ token: await tokenFor("acc-short", 1) });
    expect((await s.subscribe("orders", {})).payload.status).toBe("ok");
    expect(await s.closed).toEqual({
      code: CloseCode.TokenInvalid,
      reason: "token expired",
    });
  });
});
