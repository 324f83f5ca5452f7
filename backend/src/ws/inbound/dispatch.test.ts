import type { FastifyBaseLogger } from "fastify";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { DEFAULT_WS_LIMITS } from "../config";
import { TokenBucket } from "../admission/token-bucket";
import type { WsConnection } from "../connection/connection";
import { WsMetrics } from "../metrics/metrics";
import { Replier } from "../replies/replier";
import type { RouteHandler } from "../router/router-host";
import { InboundDispatcher } from "./dispatch";
import { jsonCodec, type WireCodec } from "../wire/codec";
import { msgpackCodec } from "../wire/msgpack-codec";
import { textFrames } from "../wire/socket";
import { pack } from "msgpackr";

interface Sent {
  type: string;
  id?: string | number;
  payload: Record<string, unknown>;
}

function setup(codec: WireCodec = jsonCodec(textFrames)) {
  let now = 5_000;
  const clock = { now: () => now };
  const limits = {
    ...DEFAULT_WS_LIMITS,
    messagesPerSecond: 1,
    messageBurst: 2,
  };
  const metrics = new WsMetrics(new Registry(), {
    sockets: () => 0,
    socketsByTransport: () => new Map(),
    topics: () => 0,
    subscriptions: () => 0,
    outboundBytes: () => 0,
  });
  const routed: string[] = [];
  const quotes = {
    route: "quotes",
    subscribe: (_c: WsConnection, payload: unknown, id: unknown) => {
      routed.push(`subscribe ${JSON.stringify(payload)} ${String(id)}`);
      return Promise.resolve();
    },
    unsubscribe: (_c: WsConnection, _p: unknown, id: unknown) =>
      routed.push(`unsubscribe ${String(id)}`),
  } as unknown as RouteHandler;
  const dispatcher = new InboundDispatcher({
    limits,
    metrics,
    log: { error: () => undefined } as unknown as FastifyBaseLogger,
    clock,
    replies: new Replier(metrics.errors),
    routers: new Map([["quotes", quotes]]),
  });
  const sent: Sent[] = [];
  const conn = {
    open: true,
    bucket: TokenBucket.forLimits(limits, clock),
    send: (text: string) => sent.push(JSON.parse(text) as Sent),
    codec,
  } as unknown as WsConnection;
  const frame = (text: string | Buffer, isBinary = false) =>
    dispatcher.onMessage(conn, Buffer.from(text), isBinary);
  return { frame, sent, routed, advance: (ms: number) => (now += ms) };
}

describe("InboundDispatcher", () => {
  it("hands a subscribe to its route and answers a ping with the server time", () => {
    const { frame, sent, routed } = setup();
    frame('{"type":"quotes.subscribe","id":1,"payload":{"symbols":["AAPL"]}}');
    frame('{"type":"ping","id":"p","payload":{"t":42}}');
    expect(routed).toEqual(['subscribe {"symbols":["AAPL"]} 1']);
    expect(sent).toEqual([
      { type: "pong", id: "p", payload: { t: 42, serverTime: 5_000 } },
    ]);
  });

  it("answers RATE_LIMITED past the burst, malformed frames included, until the bucket refills", () => {
    const { frame, sent, routed, advance } = setup();
    frame('{"type":"quotes.unsubscribe","id":1,"payload":{}}');
    frame("not json");
    frame('{"type":"quotes.unsubscribe","id":3,"payload":{}}');
    frame("still not json");
    expect(routed).toEqual(["unsubscribe 1"]);
    expect(
      sent.map((s) => [s.id, s.payload.code, s.payload.requestType]),
    ).toEqual([
      [undefined, "INVALID_JSON", undefined],
      [3, "RATE_LIMITED", "quotes.unsubscribe"],
      [undefined, "RATE_LIMITED", undefined],
    ]);
    expect(sent[1]?.payload.message).toBe(
      "more than 1 messages per second (burst 2); the frame was dropped",
    );
    advance(1_000);
    frame('{"type":"quotes.unsubscribe","id":5,"payload":{}}');
    expect(routed).toEqual(["unsubscribe 1", "unsubscribe 5"]);
  });

  it("refuses binary frames, unknown routes and an invalid ping", () => {
    const { frame, sent } = setup();
    frame("{}", true);
    frame('{"type":"bonds.subscribe","id":2,"payload":{}}');
    expect(sent.map((s) => s.payload.code)).toEqual([
      "BINARY_NOT_SUPPORTED",
      "UNKNOWN_ROUTE",
    ]);
    expect(sent[1]?.payload.message).toBe('no route "bonds"; routes: quotes');
  });

  it("on a MessagePack socket reads binary frames as envelopes, JSON text too, and refuses garbage", () => {
    const { frame, sent, routed, advance } = setup(msgpackCodec(textFrames));
    frame(pack({ type: "quotes.unsubscribe", id: 1, payload: {} }), true);
    frame('{"type":"quotes.unsubscribe","id":2,"payload":{}}');
    advance(2_000);
    frame(Buffer.from([0x92, 0x01]), true);
    frame(pack([1, 2]), true);
    expect(routed).toEqual(["unsubscribe 1", "unsubscribe 2"]);
    expect(sent.map((s) => s.payload.code)).toEqual([
      "INVALID_MSGPACK",
      "INVALID_MESSAGE",
    ]);
  });
});
