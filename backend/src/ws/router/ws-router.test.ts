import { CHANNELS } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { DEFAULT_WS_LIMITS } from "../config";
import type { WsConnection } from "../connection/connection";
import { WsMetrics } from "../metrics/metrics";
import { Replier } from "../replies/replier";
import type { TopicRef, WsRouteService } from "../topics/route-service";
import { TopicError } from "../topics/topic-error";
import { requestValidator, updateSerializer } from "../wire/codecs";
import type { RouterHost } from "./router-host";
import { WsRouter } from "./ws-router";

interface Reply {
  type: string;
  id?: string | number;
  payload: { status: string; topic: string; code?: string; message?: string };
}

/** A socket as the router sees it: what it was sent is kept, parsed. */
function fakeConn(accountId: string | null = null) {
  const sent: Reply[] = [];
  const conn = {
    subscriptions: new Map(),
    reserved: 0,
    open: true,
    accountId,
    send: (text: string) => sent.push(JSON.parse(text) as Reply),
    sendSnapshot: () => undefined,
  };
  return { conn: conn as unknown as WsConnection, sent };
}

function setup(createFails?: Error, maxSubscriptionsPerSocket = 200) {
  const calls: string[] = [];
  const service: WsRouteService<object, unknown> = {
    createTopic(topic: TopicRef<object>) {
      calls.push(`create ${topic.id}`);
      if (createFails !== undefined) throw createFails;
    },
    removeTopic(topic: TopicRef<object>) {
      calls.push(`remove ${topic.id}`);
    },
  };
  const channel = CHANNELS.quotes;
  const router = new WsRouter(
    channel,
    service,
    requestValidator<object>("QuotesSubscriptionRequest"),
    updateSerializer<unknown>(channel.types.update),
  );
  const metrics = new WsMetrics(new Registry(), {
    sockets: () => 0,
    socketsByTransport: () => new Map(),
    topics: () => 0,
    subscriptions: () => 0,
    outboundBytes: () => 0,
  });
  const logged: unknown[] = [];
  const host: RouterHost = {
    limits: { ...DEFAULT_WS_LIMITS, maxSubscriptionsPerSocket },
    metrics,
    log: {
      error: (o: unknown) => logged.push(o),
    } as unknown as FastifyBaseLogger,
    replies: new Replier(metrics.errors),
  };
  router.attach(host);
  return { router, calls, logged };
}

const AAPL = 'quotes:{"symbols":["AAPL"]}';

describe("WsRouter reference counting", () => {
  it("two subscribers share a topic; it is removed once, when the last one leaves", async () => {
    const { router, calls } = setup();
    const alice = fakeConn();
    const bob = fakeConn();
    await router.subscribe(alice.conn, { symbols: ["AAPL"] }, 1);
    await router.subscribe(bob.conn, { symbols: ["AAPL"] }, 2);
    expect(router.topicCount).toBe(1);
    expect(router.subscriptionCount).toBe(2);
    expect(bob.sent[0]).toEqual({
      type: "quotes.subscribe.response",
      id: 2,
      payload: { status: "ok", topic: AAPL },
    });

    router.unsubscribe(alice.conn, { symbols: ["AAPL"] }, 3);
    expect(calls).toEqual([`create ${AAPL}`]);
    router.release(bob.conn, AAPL); // bob disconnects
    router.release(bob.conn, AAPL);
    await Promise.resolve();
    expect(calls).toEqual([`create ${AAPL}`, `remove ${AAPL}`]);
    expect(alice.sent.at(-1)?.payload).toEqual({ status: "ok", topic: AAPL });
  });

  it("answers createTopic's TopicError with its code, and anything else as TOPIC_UNAVAILABLE, logged", async () => {
    const refused = setup(new TopicError("UNKNOWN_SYMBOL", "no symbol AAPL"));
    const a = fakeConn();
    await refused.router.subscribe(a.conn, { symbols: ["AAPL"] }, "r1");
    expect(a.sent).toEqual([
      {
        type: "quotes.subscribe.response",
        id: "r1",
        payload: {
          status: "error",
          topic: AAPL,
          code: "UNKNOWN_SYMBOL",
          message: "no symbol AAPL",
        },
      },
    ]);
    expect(refused.logged).toEqual([]);
    expect(refused.router.topicCount).toBe(0);
    expect(a.conn.subscriptions.size).toBe(0);

    const broken = setup(new Error("feed down"));
    const b = fakeConn();
    await broken.router.subscribe(b.conn, { symbols: ["AAPL"] }, "r2");
    expect(b.sent[0]?.payload.code).toBe("TOPIC_UNAVAILABLE");
    expect(b.sent[0]?.payload.message).toBe(
      `${AAPL} cannot be served right now`,
    );
    expect(broken.logged).toHaveLength(1);
    expect(b.conn.reserved).toBe(0);
  });

  it("refuses a subscribe past the socket's limit and an unsubscribe of a topic it does not hold", async () => {
    const { router } = setup(undefined, 1);
    const a = fakeConn();
    await router.subscribe(a.conn, { symbols: ["AAPL"] }, 1);
    await router.subscribe(a.conn, { symbols: ["MSFT"] }, 2);
    router.unsubscribe(a.conn, { symbols: ["TSLA"] }, 3);
    expect(a.sent.slice(1).map((r) => r.payload.code)).toEqual([
      "SUBSCRIPTION_LIMIT",
      "NOT_SUBSCRIBED",
    ]);
    expect(a.sent[1]?.payload.message).toBe(
      "a socket may hold at most 1 subscriptions",
    );
  });

  it("refuses a payload outside the schema with INVALID_PARAMS and no topic", async () => {
    const { router, calls } = setup();
    const a = fakeConn();
    await router.subscribe(a.conn, { symbols: "AAPL" }, 9);
    expect(a.sent[0]?.payload.status).toBe("error");
    expect(a.sent[0]?.payload.code).toBe("INVALID_PARAMS");
    expect(a.sent[0]?.payload.topic).toBe("");
    expect(calls).toEqual([]);
  });
});
