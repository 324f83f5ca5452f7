import { CloseCode } from "@tradewire/client";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { DEFAULT_WS_LIMITS } from "../config";
import { TokenBucket } from "../admission/token-bucket";
import { WsMetrics } from "../metrics/metrics";
import { jsonCodec } from "../wire/codec";
import { textFrames } from "../wire/socket";
import { WsConnection } from "./connection";
import { checkLiveness, pongReceived } from "./liveness";
import { TickCorks } from "./tick-corks";

/** A socket whose buffer only empties when the test says the peer read. */
function fakeSocket() {
  const socket = {
    bufferedAmount: 0,
    written: [] as string[],
    closed: null as null | [number, string],
    terminated: false,
    pings: [] as Buffer[],
    send(data: string | Buffer) {
      socket.written.push(String(data));
      socket.bufferedAmount += Buffer.byteLength(data);
    },
    close(code: number, reason: string) {
      socket.closed = [code, reason];
    },
    terminate() {
      socket.terminated = true;
    },
    ping(data: Buffer) {
      socket.pings.push(data);
    },
    pong: () => undefined,
  };
  return socket;
}

function setup(slowBufferBytes = 100, maxBufferBytes = 1_000) {
  const socket = fakeSocket();
  const corks = new TickCorks(() => undefined);
  let consumed = 0;
  const slow: WsConnection[] = [];
  const metrics = new WsMetrics(new Registry(), {
    sockets: () => 0,
    socketsByTransport: () => new Map(),
    topics: () => 0,
    subscriptions: () => 0,
    outboundBytes: () => 0,
  });
  const conn = new WsConnection(
    1,
    socket,
    null,
    TokenBucket.forLimits(DEFAULT_WS_LIMITS, { now: () => 0 }),
    { address: "10.0.0.1", consumedBytes: () => consumed },
    {
      limits: { ...DEFAULT_WS_LIMITS, slowBufferBytes, maxBufferBytes },
      metrics,
      corks,
      markSlow: (c) => slow.push(c),
    },
    jsonCodec(textFrames),
  );
  const read = (bytes: number) => {
    socket.bufferedAmount -= bytes;
    consumed += bytes;
  };
  return { conn, socket, slow, read, metrics };
}

const frame = (text: string) => textFrames.prepareText(text);

describe("WsConnection outbound budget", () => {
  it("writes straight to the socket until its buffer passes the slow limit, then queues", () => {
    const { conn, socket, slow } = setup(100);
    conn.deliverReliable(frame("x".repeat(150)));
    expect(socket.written).toHaveLength(1);
    expect(slow).toEqual([conn]);
    conn.deliverReliable(frame("second"));
    conn.send("an answer");
    expect(socket.written).toHaveLength(1);
    expect(conn.queuedFrames).toBe(2);
    expect(conn.backlogBytes).toBe(150 + 6 + 9);
  });

  it("keeps only the newest conflatable frame per slot while slow, and writes it when drained", () => {
    const { conn, socket, read } = setup(100);
    conn.deliverConflatable("AAPL", frame("y".repeat(150)), "quotes");
    conn.deliverConflatable("AAPL", frame("aapl 1"), "quotes");
    conn.deliverConflatable("AAPL", frame("aapl 2"), "quotes");
    expect(conn.queuedFrames).toBe(1);
    read(150);
    expect(conn.flushPending()).toBe(true);
    expect(socket.written.slice(1)).toEqual(["aapl 2"]);
  });

  it("closes with 4000 once its buffer and queue together pass the hard limit", async () => {
    const { conn, socket, metrics } = setup(100, 300);
    conn.deliverReliable(frame("z".repeat(150)));
    conn.deliverReliable(frame("z".repeat(100)));
    expect(conn.open).toBe(true);
    conn.deliverReliable(frame("z".repeat(100)));
    expect(conn.open).toBe(false);
    expect(socket.closed).toEqual([
      CloseCode.SlowConsumer,
      "slow consumer: resubscribe to get a fresh snapshot",
    ]);
    expect((await metrics.slowConsumerCloses.get()).values[0]?.value).toBe(1);
  });
});

describe("liveness", () => {
  it("keeps a socket that echoes its ping, terminates one that neither echoes nor reads", () => {
    const { conn, socket } = setup();
    let dead = 0;
    checkLiveness([conn], 1, () => (dead += 1));
    expect(socket.pings).toHaveLength(1);
    pongReceived(conn, Buffer.from("not the payload"));
    expect(conn.pingPayload).not.toBeNull();
    pongReceived(conn, socket.pings[0] as Buffer);
    checkLiveness([conn], 2, () => (dead += 1));
    expect(dead).toBe(0);
    checkLiveness([conn], 3, () => (dead += 1));
    expect(dead).toBe(1);
    expect(socket.terminated).toBe(true);
    expect(conn.open).toBe(false);
  });

  it("keeps a socket that has not echoed yet but is reading its backlog", () => {
    const { conn, socket, read } = setup(10_000, 100_000);
    conn.deliverReliable(frame("b".repeat(5_000)));
    let dead = 0;
    checkLiveness([conn], 1, () => (dead += 1));
    read(1_000);
    checkLiveness([conn], 2, () => (dead += 1));
    expect(dead).toBe(0);
    checkLiveness([conn], 3, () => (dead += 1));
    expect(dead).toBe(1);
    expect(socket.terminated).toBe(true);
  });

  it("terminates a socket still closing one heartbeat after the server closed it", () => {
    const { conn, socket } = setup();
    conn.close(CloseCode.ServiceRestart, "server restarting");
    checkLiveness([conn], 4, () => undefined);
    expect(socket.terminated).toBe(false);
    checkLiveness([conn], 5, () => undefined);
    expect(socket.terminated).toBe(true);
  });
});
