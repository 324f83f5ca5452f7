import { CloseCode } from "@tradewire/client";
import { afterEach, describe, expect, it } from "vitest";
import { takeViolations } from "../support/conformance";
import {
  metric,
  startTestApp,
  TEST_JWT_SECRET,
  type TestApp,
} from "../support/test-app";
import { TestSocket, until } from "../support/test-socket";
import { JwtAuth } from "../../src/auth/jwt";
import { systemClock } from "../../src/clock";
import {
  outboundBytes,
  paddedOrder,
  pauseReading,
  publishUntil,
  publishUntilHeld,
  resumeReading,
  tokenFor,
} from "./flood";

describe("limits", () => {
  let t: TestApp | undefined;
  const sockets: TestSocket[] = [];
  const open = async (token?: string): Promise<TestSocket> => {
    const s = await TestSocket.open(
      (t as TestApp).wsUrl,
      token ? { token } : {},
    );
    sockets.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await t?.close();
    expect(takeViolations()).toEqual([]);
  });

  it("refuses subscriptions past WS_MAX_SUBSCRIPTIONS per socket and keeps the socket", async () => {
    t = await startTestApp({ WS_MAX_SUBSCRIPTIONS: "3" });
    const s = await open();
    for (const symbol of ["A", "B", "C"])
      expect(
        (await s.subscribe("bars", { symbol, resolution: "1" })).payload.status,
      ).toBe("ok");
    const refused = await s.subscribe("bars", { symbol: "D", resolution: "1" });
    expect(refused.payload).toEqual({
      status: "error",
      topic: 'bars:{"resolution":"1","symbol":"D"}',
      code: "SUBSCRIPTION_LIMIT",
      message: "a socket may hold at most 3 subscriptions",
      requestId: expect.any(String) as string,
    });
    // A duplicate of a held topic is not a new subscription, and freeing one makes room.
    expect(
      (await s.subscribe("bars", { symbol: "A", resolution: "1" })).payload
        .status,
    ).toBe("ok");
    await s.unsubscribe("bars", { symbol: "A", resolution: "1" });
    expect(
      (await s.subscribe("bars", { symbol: "D", resolution: "1" })).payload
        .status,
    ).toBe("ok");
    // Another socket has its own allowance.
    const other = await open();
    expect(
      (await other.subscribe("bars", { symbol: "E", resolution: "1" })).payload
        .status,
    ).toBe("ok");
  });

  it("drops frames past the per-socket rate with RATE_LIMITED, and accepts again once tokens refill", async () => {
    let now = 1_800_000_000_000;
    t = await startTestApp(
      { WS_RATE_PER_SECOND: "5", WS_RATE_BURST: "5" },
      { now: () => now },
    );
    const s = await open();
    for (let i = 1; i <= 8; i++)
      s.send({ type: "ping", id: i, payload: { t: i } });
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await s.next());
    expect(answers.filter((f) => f.type === "pong").map((f) => f.id)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    const limited = answers.filter((f) => f.type === "error");
    expect(limited.map((f) => f.id)).toEqual([6, 7, 8]);
    expect(limited[0]?.payload).toMatchObject({
      code: "RATE_LIMITED",
      requestType: "ping",
    });
    const bystander = await open();
    expect((await bystander.ping()).type).toBe("pong");
    now += 1000;
    expect((await s.ping()).type).toBe("pong");
  });

  it("closes connections past WS_MAX_CONNECTIONS with 1013 and serves the ones it has", async () => {
    t = await startTestApp({ WS_MAX_CONNECTIONS: "2" });
    const [a, b] = [await open(), await open()];
    const c = await open();
    expect(await c.closed).toEqual({
      code: CloseCode.TryAgainLater,
      reason: "server is at its connection limit",
    });
    expect((await a.ping()).type).toBe("pong");
    b.close();
    await b.closed;
    const d = await open();
    expect((await d.ping()).type).toBe("pong");
  });

  it("closes an account's connections past WS_MAX_CONNECTIONS_PER_ACCOUNT with 4029", async () => {
    t = await startTestApp({ WS_MAX_CONNECTIONS_PER_ACCOUNT: "2" });
    const auth = new JwtAuth(TEST_JWT_SECRET, systemClock);
    const alice = (
      await auth.sign({ userId: "u-alice", accountId: "acc-alice" })
    ).token;
    const bob = (await auth.sign({ userId: "u-bob", accountId: "acc-bob" }))
      .token;
    const [a1, a2] = [await open(alice), await open(alice)];
    const a3 = await open(alice);
    expect((await a3.closed).code).toBe(CloseCode.TooManyConnections);
    const b1 = await open(bob);
    const anonymous = await open();
    for (const s of [a1, a2, b1, anonymous])
      expect((await s.ping()).type).toBe("pong");
  });

  it("closes anonymous connections past WS_MAX_ANONYMOUS_PER_ADDRESS with 4029, and counts logged-in ones per account instead", async () => {
    t = await startTestApp({ WS_MAX_ANONYMOUS_PER_ADDRESS: "2" });
    const [a, b] = [await open(), await open()];
    const c = await open();
    expect(await c.closed).toEqual({
      code: CloseCode.TooManyConnections,
      reason: "at most 2 connections without a token per address",
    });
    // The same address with a token is not refused.
    const authed = await open(await tokenFor("acc-cap"));
    for (const s of [a, b, authed]) expect((await s.ping()).type).toBe("pong");
    a.close();
    await a.closed;
    await until(
      async () => (await metric(t as TestApp, "tradewire_ws_sockets")) === 2,
    );
    const d = await open();
    expect((await d.ping()).type).toBe("pong");
  });

  // Up to a few hundred publish rounds, each reading /metrics: on a busy CI machine that takes
  // longer than the default 30 s. Known flake (2 of 4 CI runs on 2026-12-01, never alone): under
  // load the kernel can take more of `far`'s bytes, so `near` ends up furthest behind and is the
  // one shed; one retry, and every wait bounded so a wrong pick fails fast (see the note).
  it(
    "sheds the sockets furthest behind, with 4000, when all sockets together hold more than WS_MAX_TOTAL_BUFFER_BYTES",
    { retry: 1, timeout: 90_000 },
    async () => {
      t = await startTestApp({
        WS_SLOW_BUFFER_BYTES: "16384",
        WS_MAX_BUFFER_BYTES: "393216",
        WS_MAX_TOTAL_BUFFER_BYTES: "524288",
      });
      const app = t;
      const far = await open(await tokenFor("acc-far"));
      const near = await open(await tokenFor("acc-near"));
      const reader = await open(await tokenFor("acc-near"));
      for (const s of [far, near, reader]) await s.subscribe("orders", {});
      pauseReading(far);
      pauseReading(near);
      const publishTo = (account: string) => (i: number) =>
        app.services.orders.publish(
          `orders:{"accountId":"${account}"}`,
          paddedOrder(i),
        );
      // `far` falls 300 KB behind, within its own limit (384 KB) and the total: once the kernel
      // is full, 20 orders (23 KB) at a time, so the last batch cannot take it past its limit.
      const toFar = publishTo("acc-far");
      const sent = await publishUntilHeld(app, 0, toFar);
      await publishUntilHeld(app, 300_000, (i) => toFar(sent + i), 20);
      expect(await metric(app, "tradewire_ws_shed_total")).toBe(0);
      // Then `near` (and the reader, who keeps up): quickly until near's kernel buffer is full and
      // the server holds something for it (one batch, 232 KB, stays within near's own limit), then
      // a little at a time until the total is over.
      const toNear = publishTo("acc-near");
      const farHeld = await outboundBytes(app);
      const nearSent = await publishUntilHeld(app, farHeld, toNear);
      await publishUntil(
        async () => (await metric(app, "tradewire_ws_shed_total")) > 0,
        (i) => toNear(nearSent + i),
        "the budget check to shed a socket",
        10,
      );
      expect(await outboundBytes(app)).toBeLessThanOrEqual(524_288);
      resumeReading(far);
      resumeReading(near);
      const farClosed = await Promise.race([
        far.closed,
        new Promise<null>((r) => setTimeout(() => r(null), 20_000)),
      ]);
      expect(farClosed?.code).toBe(CloseCode.SlowConsumer);
      // The other two keep everything, in order, and stay open.
      for (const s of [near, reader]) {
        await until(
          () =>
            s.frames.filter((f) => f.type === "orders.update").length > 0 &&
            s.isOpen,
        );
        expect((await s.ping()).type).toBe("pong");
        const seqs = s.frames
          .filter((f) => f.type === "orders.update")
          .map((f) => f.payload.seq as number);
        expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      }
      expect(await metric(app, "tradewire_ws_shed_total")).toBe(1);
    },
  );
});
