import { CloseCode, type Execution } from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { takeViolations } from "../support/conformance";
import { bar, metric, startTestApp, type TestApp } from "../support/test-app";
import { TestEventStream } from "../support/test-event-stream";
import { TestSocket, until } from "../support/test-socket";
import { paddedOrder, tokenFor } from "../ws/flood";

const IBM_1 = 'bars:{"resolution":"1","symbol":"IBM"}';
const EXEC_TOPIC = 'executions:{"accountId":"acc-x"}';

function execution(sequence: number): Execution {
  return {
    id: `e-${sequence}`,
    sequence,
    orderId: `o-${sequence}`,
    symbol: "AAPL",
    side: 1,
    qty: 10,
    price: 180 + sequence,
    commission: 1,
    time: 1_700_000_000_000 + sequence,
  };
}

describe("the fallback transport: the realtime protocol over SSE + POST", () => {
  let t: TestApp;
  const open: (TestEventStream | TestSocket)[] = [];
  const stream = async (
    options: Parameters<typeof TestEventStream.open>[1] = {},
  ) => {
    const s = await TestEventStream.open(t.httpUrl, options);
    open.push(s);
    return s;
  };
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
    expect(takeViolations()).toEqual([]);
  });
  afterAll(() => t.close());

  it("opens with a session id and proxy-proof headers, then subscribes, streams updates and unsubscribes", async () => {
    const s = await stream();
    expect(s.status).toBe(200);
    expect(s.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(s.headers["cache-control"]).toBe("no-cache, no-transform");
    expect(s.headers["x-accel-buffering"]).toBe("no");
    expect(s.session).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const ok = await s.subscribe("bars", { symbol: "IBM", resolution: "1" });
    expect(ok.payload).toEqual({ status: "ok", topic: IBM_1 });
    t.services.bars.publish(IBM_1, bar(1_700_000_000_000, 140));
    t.services.bars.publish(IBM_1, bar(1_700_000_060_000, 141));
    const first = await s.nextOfType("bars.update");
    const second = await s.nextOfType("bars.update");
    expect([first.payload.seq, second.payload.seq]).toEqual([1, 2]);
    expect(second.payload).toMatchObject({
      topic: IBM_1,
      payload: { close: 141 },
    });

    expect(
      (await s.unsubscribe("bars", { symbol: "IBM", resolution: "1" })).payload,
    ).toEqual({
      status: "ok",
      topic: IBM_1,
    });
    await until(
      () => !t.services.bars.refs.has(IBM_1),
      3000,
      "the topic to be removed",
    );
  });

  it("sends the same frames, seq included, to a socket and a stream on one topic, and counts each transport", async () => {
    const ws = await TestSocket.open(t.wsUrl);
    open.push(ws);
    const s = await stream();
    await ws.subscribe("bars", { symbol: "IBM", resolution: "1" });
    await s.subscribe("bars", { symbol: "IBM", resolution: "1" });
    t.services.bars.publish(IBM_1, bar(1_700_000_000_000, 150));
    const viaWs = await ws.nextOfType("bars.update");
    const viaSse = await s.nextOfType("bars.update");
    expect(viaSse).toEqual(viaWs);
    expect(await metric(t, "tradewire_ws_sockets")).toBe(2);
    // A stream is a socket, not an HTTP request in flight.
    expect(await metric(t, "tradewire_http_requests_in_flight")).toBe(0);
    expect(
      await metric(
        t,
        "tradewire_ws_transport_sockets",
        '{transport="websocket"}',
      ),
    ).toBe(1);
    expect(
      await metric(t, "tradewire_ws_transport_sockets", '{transport="sse"}'),
    ).toBe(1);
    s.close();
    await until(
      async () =>
        (await metric(
          t,
          "tradewire_ws_transport_sockets",
          '{transport="sse"}',
        )) === 0,
      3000,
      "the closed stream to be released",
    );
  });

  it("answers several envelopes of one POST in order, with the app-level ping", async () => {
    const s = await stream();
    const answer = await s.post([
      { type: "ping", id: "a", payload: { t: 1 } },
      {
        type: "bars.subscribe",
        id: "b",
        payload: { symbol: "IBM", resolution: "1" },
      },
      { type: "nope", id: "c", payload: {} },
    ]);
    expect(answer).toEqual({ status: 202, body: { accepted: 3 } });
    expect((await s.nextOfType("pong")).id).toBe("a");
    expect((await s.nextOfType("bars.subscribe.response")).id).toBe("b");
    expect((await s.nextOfType("error")).payload).toMatchObject({
      code: "UNKNOWN_TYPE",
    });
  });

  it("replays a cursor channel after `since` with the seq a socket gets, then streams live", async () => {
    const token = await tokenFor("acc-x", "u-x");
    t.services.executions.history.push(...[1, 2, 3, 4, 5].map(execution));
    const ws = await TestSocket.open(t.wsUrl, { token });
    open.push(ws);
    const s = await stream({ token });
    expect(
      (await ws.subscribe("executions", { since: 2 })).payload.status,
    ).toBe("ok");
    expect((await s.subscribe("executions", { since: 2 })).payload).toEqual({
      status: "ok",
      topic: EXEC_TOPIC,
    });
    t.services.executions.history.push(execution(6));
    t.services.executions.publish(EXEC_TOPIC, execution(6));
    const updates = async (c: TestEventStream | TestSocket) => {
      await until(
        () =>
          c.frames.filter((f) => f.type === "executions.update").length === 4,
      );
      return c.frames.filter((f) => f.type === "executions.update");
    };
    const sse = await updates(s);
    expect(sse.map((f) => (f.payload.payload as Execution).sequence)).toEqual([
      3, 4, 5, 6,
    ]);
    expect(sse).toEqual(await updates(ws));
  });

  it("takes the same credentials as the socket: token query, bearer header, tw_token cookie; anonymous gets public channels only", async () => {
    const anonymous = await stream();
    expect((await anonymous.subscribe("orders", {})).payload).toMatchObject({
      status: "error",
      code: "UNAUTHORIZED",
    });
    const byQuery = await stream({ token: await tokenFor("acc-q") });
    expect((await byQuery.subscribe("orders", {})).payload.topic).toBe(
      'orders:{"accountId":"acc-q"}',
    );
    const byBearer = await stream({ bearer: await tokenFor("acc-b") });
    expect((await byBearer.subscribe("orders", {})).payload.topic).toBe(
      'orders:{"accountId":"acc-b"}',
    );
    const byCookie = await stream({
      cookie: `theme=dark; tw_token=${await tokenFor("acc-c")}`,
    });
    expect((await byCookie.subscribe("equity", {})).payload.topic).toBe(
      'equity:{"accountId":"acc-c"}',
    );
  });

  it("closes a stream opened with a bad token with event close 4001, as the socket does", async () => {
    const s = await stream({ token: "not-a-jwt" });
    expect(s.session).toBeNull();
    expect(await s.closed).toEqual({
      code: CloseCode.TokenInvalid,
      reason: expect.any(String) as string,
    });
  });

  it("refuses a page of another origin with 403 before any stream, and lets its own origin in", async () => {
    const foreign = await stream({
      headers: { origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.session).toBeNull();
    const own = await stream({ headers: { origin: t.httpUrl } });
    expect(own.session).not.toBeNull();
    const post = await own.post(
      { type: "ping", id: 1, payload: { t: 1 } },
      { as: { headers: { origin: "https://evil.example" } } },
    );
    expect(post.status).toBe(403);
    expect(post.body).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the fallback transport when the server shuts down", () => {
  it("ends every stream with event close 1012, as the socket gets", async () => {
    const t = await startTestApp();
    const s = await TestEventStream.open(t.httpUrl);
    await s.subscribe("bars", { symbol: "IBM", resolution: "1" });
    await t.close();
    expect(await s.closed).toEqual({
      code: CloseCode.ServiceRestart,
      reason: "server restarting",
    });
  });
});

describe("the fallback transport under hostile input and limits", () => {
  let t: TestApp;
  const open: TestEventStream[] = [];
  const stream = async (
    options: Parameters<typeof TestEventStream.open>[1] = {},
  ) => {
    const s = await TestEventStream.open(t.httpUrl, options);
    open.push(s);
    return s;
  };
  beforeAll(async () => {
    t = await startTestApp({
      WS_MAX_FRAME_BYTES: "2048",
      WS_RATE_PER_SECOND: "1",
      WS_RATE_BURST: "3",
    });
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
    expect(takeViolations()).toEqual([]);
  });
  afterAll(() => t.close());

  it("refuses a POST larger than WS_MAX_FRAME_BYTES with 413 and keeps the stream", async () => {
    const s = await stream();
    const big = await s.post({
      type: "ping",
      id: 1,
      payload: { t: 1, pad: "x".repeat(4096) },
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({
      code: expect.any(String) as string,
      message: expect.any(String) as string,
    });
    expect(
      (await s.post({ type: "ping", id: 2, payload: { t: 1 } })).status,
    ).toBe(202);
    expect((await s.nextOfType("pong")).id).toBe(2);
  });

  it("charges every envelope to the stream's token bucket: past the burst they are answered RATE_LIMITED", async () => {
    const s = await stream();
    const frames = [1, 2, 3, 4, 5].map((id) => ({
      type: "ping",
      id,
      payload: { t: id },
    }));
    expect((await s.post(frames)).status).toBe(202);
    await until(() => s.frames.length === 5);
    expect(s.frames.map((f) => [f.type, f.id, f.payload.code])).toEqual([
      ["pong", 1, undefined],
      ["pong", 2, undefined],
      ["pong", 3, undefined],
      ["error", 4, "RATE_LIMITED"],
      ["error", 5, "RATE_LIMITED"],
    ]);
    expect(s.isOpen).toBe(true);
  });

  it("answers malformed bodies with structured 4xx errors and malformed envelopes with error frames", async () => {
    const s = await stream();
    expect((await s.post(null, { raw: "{oops" })).status).toBe(400);
    expect(
      (await s.post(null, { raw: "<ping/>", contentType: "application/xml" }))
        .status,
    ).toBe(415);
    // Fastify reads text/plain (a form a page of another origin can send without asking) as a
    // string, which is not an envelope.
    expect(
      (await s.post(null, { raw: "hello", contentType: "text/plain" })).body,
    ).toMatchObject({ code: "INVALID_PARAMS" });
    expect((await s.post(42)).status).toBe(400);
    expect((await s.post([])).status).toBe(400);
    const tooMany = Array.from({ length: 101 }, () => ({}));
    expect((await s.post(tooMany)).body).toMatchObject({
      code: "INVALID_PARAMS",
    });
    expect((await s.post(["not an envelope"])).status).toBe(202);
    expect((await s.nextOfType("error")).payload).toMatchObject({
      code: "INVALID_MESSAGE",
    });
    expect(s.isOpen).toBe(true);
  });

  it("refuses POSTs to an unknown session (404) and to another client's session (403), changing nothing", async () => {
    const alice = await stream({ token: await tokenFor("acc-alice") });
    const bob = await stream({ token: await tokenFor("acc-bob") });
    const unknown = await alice.post(
      { type: "ping", id: 1, payload: { t: 1 } },
      { session: "x".repeat(32) },
    );
    expect(unknown).toEqual({
      status: 404,
      body: expect.objectContaining({ code: "NOT_FOUND" }) as unknown,
    });
    // Bob knows Alice's session id and sends his own token: refused.
    const hijack = await bob.post(
      { type: "orders.subscribe", id: 9, payload: {} },
      { session: alice.session ?? "" },
    );
    expect(hijack.status).toBe(403);
    expect(hijack.body).toMatchObject({ code: "FORBIDDEN" });
    // Nor with no token at all (an anonymous caller).
    const bare = await alice.post(
      { type: "orders.subscribe", id: 9, payload: {} },
      { as: {} },
    );
    expect(bare.status).toBe(403);
    const pong = await bob.pong("00", alice.session ?? "");
    expect(pong.status).toBe(403);
    expect(t.services.orders.refs.size).toBe(0);
    expect(
      (await alice.post({ type: "ping", id: 2, payload: { t: 1 } })).status,
    ).toBe(202);
    expect(alice.frames.map((f) => f.id)).not.toContain(9);
    expect((await alice.nextOfType("pong")).id).toBe(2);
  });
});

describe("the fallback transport: budgets and liveness", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      WS_SLOW_BUFFER_BYTES: "16384",
      WS_MAX_BUFFER_BYTES: "262144",
      WS_HEARTBEAT_MS: "200",
    });
  });
  afterEach(() => expect(takeViolations()).toEqual([]));
  afterAll(() => t.close());

  it("closes a stream that stopped reading on a channel that cannot be conflated with 4000", async () => {
    const token = await tokenFor("acc-slow");
    const s = await TestEventStream.open(t.httpUrl, { token });
    await s.subscribe("orders", {});
    s.pauseReading();
    const before = await metric(t, "tradewire_ws_slow_consumer_closes_total");
    const topic = 'orders:{"accountId":"acc-slow"}';
    let i = 0;
    await until(
      async () => {
        for (let k = 0; k < 200; k++)
          t.services.orders.publish(topic, paddedOrder(++i));
        await new Promise((resolve) => setImmediate(resolve));
        return (
          (await metric(t, "tradewire_ws_slow_consumer_closes_total")) > before
        );
      },
      20_000,
      "the slow stream to be closed",
    );
    s.resumeReading();
    expect((await s.closed).code).toBe(CloseCode.SlowConsumer);
    expect(
      await metric(t, "tradewire_ws_transport_sockets", '{transport="sse"}'),
    ).toBe(0);
  });

  it("keeps a stream that echoes its pings, and ends one that does not", async () => {
    const alive = await TestEventStream.open(t.httpUrl);
    const dead = await TestEventStream.open(t.httpUrl, { autoPong: false });
    const before = await metric(t, "tradewire_ws_dead_peers_total");
    await until(() => alive.pings.length >= 3, 5000, "three pings");
    expect((await dead.closed).code).toBe(1006);
    expect(await metric(t, "tradewire_ws_dead_peers_total")).toBe(before + 1);
    expect(alive.isOpen).toBe(true);
    alive.close();
  });
});
