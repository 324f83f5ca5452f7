import { CHANNELS, type ChannelDescriptor } from "@tradewire/client";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import type { WsConnection } from "../connection/connection";
import { WsMetrics } from "../metrics/metrics";
import type { TopicState } from "../topics/topic-state";
import { updateSerializer } from "../wire/codecs";
import { jsonCodec } from "../wire/codec";
import type { FrameEncoder, PreparedFrame } from "../wire/socket";
import { topicPublisher } from "./fanout";

type Quote = { n: string; lp: number };

function setup(channel: ChannelDescriptor) {
  const prepared: string[] = [];
  const frames: FrameEncoder = {
    prepare: () => {
      throw new Error("updates are prepared from text");
    },
    prepareText: (text) => {
      prepared.push(text);
      return { byteLength: text.length, write: () => undefined };
    },
    prepareBinary: () => {
      throw new Error("JSON updates are text");
    },
  };
  const metrics = new WsMetrics(new Registry(), {
    sockets: () => 0,
    socketsByTransport: () => new Map(),
    topics: () => 0,
    subscriptions: () => 0,
    outboundBytes: () => 0,
  });
  const delivered: { conn: string; frame: PreparedFrame; slot?: string }[] = [];
  const codec = jsonCodec(frames);
  const subscriber = (name: string) =>
    ({
      codec,
      deliverConflatable: (slot: string, frame: PreparedFrame) =>
        delivered.push({ conn: name, frame, slot }),
      deliverReliable: (frame: PreparedFrame) =>
        delivered.push({ conn: name, frame }),
    }) as unknown as WsConnection;
  const topic = `${channel.route}:{}`;
  const state: TopicState<object> = {
    ref: { id: topic, params: {}, accountId: null },
    topicJson: JSON.stringify(topic),
    subscribers: new Set([
      subscriber("s1"),
      subscriber("s2"),
      subscriber("s3"),
    ]),
    seq: 0,
    phase: "live",
    waiters: 0,
    ready: Promise.resolve(),
    removed: null,
    replaying: null,
  };
  const publish = topicPublisher<object, Quote>(
    state,
    channel,
    updateSerializer<Quote>(channel.types.update),
    { metrics },
  );
  return { publish, prepared, delivered, state, metrics };
}

describe("topicPublisher", () => {
  it("serializes each update once and hands the same frame to every subscriber", async () => {
    const { publish, prepared, delivered, metrics } = setup(CHANNELS.quotes);
    publish({ n: "AAPL", lp: 190.5 });
    expect(prepared).toEqual([
      `{"type":"${CHANNELS.quotes.types.update}","payload":{"topic":"quotes:{}","seq":1,"payload":{"n":"AAPL","lp":190.5}}}`,
    ]);
    expect(delivered.map((d) => d.conn)).toEqual(["s1", "s2", "s3"]);
    expect(new Set(delivered.map((d) => d.frame)).size).toBe(1);
    const out = await metrics.messagesOut.get();
    expect(out.values.find((v) => v.labels.channel === "quotes")?.value).toBe(
      3,
    );
  });

  it("conflates quotes per topic and symbol", () => {
    const { publish, delivered } = setup(CHANNELS.quotes);
    publish({ n: "MSFT", lp: 410 });
    expect(delivered[0]?.slot).toBe("quotes:{}\u0000MSFT");
  });

  it("stamps seq on every update, and drops updates once the topic is being removed", () => {
    const { publish, prepared, state } = setup(CHANNELS.orders);
    publish({ n: "A", lp: 1 });
    publish({ n: "A", lp: 2 });
    expect(state.seq).toBe(2);
    state.phase = "removing";
    publish({ n: "A", lp: 3 });
    expect(prepared).toHaveLength(2);
    expect(state.seq).toBe(2);
  });

  it("holds the update back from a subscriber whose replay is still being read", () => {
    const { publish, delivered, state } = setup(CHANNELS.executions);
    const held: number[] = [];
    const [first] = state.subscribers;
    state.replaying = new Map([
      [first as WsConnection, { hold: (cursor: number) => held.push(cursor) }],
    ]);
    publish({ sequence: 42 } as unknown as Quote);
    expect(held).toEqual([42]);
    expect(delivered.map((d) => d.conn)).toEqual(["s2", "s3"]);
  });
});
