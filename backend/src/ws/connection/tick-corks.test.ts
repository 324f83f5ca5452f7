import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { DEFAULT_WS_LIMITS } from "../config";
import { TokenBucket } from "../admission/token-bucket";
import { WsMetrics } from "../metrics/metrics";
import { jsonCodec } from "../wire/codec";
import { textFrames } from "../wire/socket";
import { WsConnection } from "./connection";
import { TickCorks } from "./tick-corks";

/**
 * A socket that corks like a TCP socket: while corked, writes wait in its buffer (and count in
 * bufferedAmount); uncorking hands them to the "kernel" in one write. The kernel takes every
 * write while `kernelTakes`, otherwise the bytes stay buffered.
 */
function corkingSocket() {
  const socket = {
    bufferedAmount: 0,
    kernelTakes: true,
    depth: 0,
    pending: [] as string[],
    /** One entry per write to the kernel, holding the frames it carried. */
    writes: [] as string[][],
    terminated: false,
    uncorkThrows: false,
    send(data: string | Buffer) {
      this.put(String(data));
    },
    pong(data: Buffer) {
      this.put(`pong:${data.toString()}`);
    },
    close(code: number) {
      this.put(`close:${code}`);
    },
    terminate() {
      socket.terminated = true;
      socket.pending = [];
    },
    ping: () => undefined,
    cork() {
      socket.depth += 1;
    },
    uncork() {
      if (socket.uncorkThrows) throw new Error("broken pipe");
      if (socket.depth === 0) return;
      socket.depth -= 1;
      if (socket.depth === 0 && socket.pending.length > 0) {
        const frames = socket.pending;
        socket.pending = [];
        socket.toKernel(frames);
      }
    },
    put(frame: string) {
      socket.bufferedAmount += frame.length;
      if (socket.depth > 0) socket.pending.push(frame);
      else socket.toKernel([frame]);
    },
    toKernel(frames: string[]) {
      socket.writes.push(frames);
      if (socket.kernelTakes)
        for (const f of frames) socket.bufferedAmount -= f.length;
    },
  };
  return socket;
}

function setup(slowBufferBytes = 1_000) {
  let endOfTick: (() => void) | null = null;
  let deferred = 0;
  const corks = new TickCorks((run) => {
    deferred += 1;
    endOfTick = run;
  });
  const slow: WsConnection[] = [];
  const host = {
    limits: { ...DEFAULT_WS_LIMITS, slowBufferBytes, maxBufferBytes: 10_000 },
    metrics: new WsMetrics(new Registry(), {
      sockets: () => 0,
      topics: () => 0,
      subscriptions: () => 0,
      outboundBytes: () => 0,
      socketsByTransport: () => new Map(),
    }),
    corks,
    markSlow: (c: WsConnection) => slow.push(c),
  };
  let nextId = 1;
  const open = () => {
    const socket = corkingSocket();
    const conn = new WsConnection(
      nextId++,
      socket,
      null,
      TokenBucket.forLimits(DEFAULT_WS_LIMITS, { now: () => 0 }),
      { address: "10.0.0.1", consumedBytes: () => 0 },
      host,
      jsonCodec(textFrames),
    );
    return { conn, socket };
  };
  const tickEnds = () => {
    const run = endOfTick;
    endOfTick = null;
    run?.();
  };
  return { open, tickEnds, slow, deferred: () => deferred };
}

const frame = (text: string) => textFrames.prepareText(text);

describe("batching a tick's writes", () => {
  it("sends what one socket gets in a tick in one write, in order, once the tick ends", () => {
    const { open, tickEnds } = setup();
    const { conn, socket } = open();
    conn.deliverConflatable("AAPL", frame("u1"), "quotes");
    conn.send("reply");
    conn.deliverReliable(frame("u2"));
    conn.sendPong(Buffer.from("p"));
    conn.deliverConflatable("MSFT", frame("u3"), "quotes");
    expect(socket.writes).toEqual([]);
    tickEnds();
    expect(socket.writes).toEqual([["u1", "reply", "u2", "pong:p", "u3"]]);
    expect(socket.depth).toBe(0);
    expect(conn.corked).toBe(false);
  });

  it("schedules one end-of-tick task for every socket written in the tick, and a new one next tick", () => {
    const { open, tickEnds, deferred } = setup();
    const a = open();
    const b = open();
    a.conn.deliverReliable(frame("a1"));
    b.conn.deliverReliable(frame("b1"));
    a.conn.deliverReliable(frame("a2"));
    expect(deferred()).toBe(1);
    tickEnds();
    expect(a.socket.writes).toEqual([["a1", "a2"]]);
    expect(b.socket.writes).toEqual([["b1"]]);
    b.conn.deliverReliable(frame("b2"));
    expect(deferred()).toBe(2);
    tickEnds();
    expect(b.socket.writes).toEqual([["b1"], ["b2"]]);
  });

  it("sends a lone update at the end of its own tick, before any timer (a microtask)", async () => {
    const corks = new TickCorks();
    const socket = corkingSocket();
    const conn = { corked: false, socket };
    corks.hold(conn);
    socket.send("lone");
    expect(socket.writes).toEqual([]);
    await Promise.resolve();
    expect(socket.writes).toEqual([["lone"]]);
  });

  it("does not take corked bytes for a slow socket: they are handed over and the socket stays fast", () => {
    const { open, tickEnds, slow } = setup(100);
    const { conn, socket } = open();
    for (let i = 0; i < 3; i++)
      conn.deliverConflatable(`T${i}`, frame(`${i}`.repeat(40)), "quotes");
    // The third frame took the corked buffer past 100 bytes: written now, not queued.
    expect(socket.writes).toEqual([
      ["0".repeat(40), "1".repeat(40), "2".repeat(40)],
    ]);
    expect(slow).toEqual([]);
    expect(conn.queuedFrames).toBe(0);
    conn.deliverConflatable("T3", frame("later"), "quotes");
    tickEnds();
    expect(socket.writes.at(-1)).toEqual(["later"]);
  });

  it("queues once the kernel does not take what was corked, and budget checks still close it", () => {
    const { open, slow } = setup(100);
    const { conn, socket } = open();
    socket.kernelTakes = false;
    for (let i = 0; i < 3; i++)
      conn.deliverConflatable(`T${i}`, frame(`${i}`.repeat(40)), "quotes");
    expect(slow).toEqual([conn]);
    expect(socket.writes).toHaveLength(1);
    conn.deliverConflatable("T0", frame("newer"), "quotes");
    expect(conn.queuedFrames).toBe(1);
    expect(conn.backlogBytes).toBe(120 + 5);
    conn.deliverReliable(frame("x".repeat(10_000)));
    expect(conn.open).toBe(false);
    expect(socket.writes.at(-1)).toEqual(["close:4000"]);
  });

  it("sends the close frame after what was corked before it; a terminated socket drops them", () => {
    const { open, tickEnds } = setup();
    const a = open();
    const b = open();
    a.conn.deliverReliable(frame("last"));
    a.conn.close(1001, "going away");
    a.conn.deliverReliable(frame("after close"));
    b.conn.deliverReliable(frame("dropped"));
    b.socket.terminate();
    b.conn.markClosed();
    tickEnds();
    expect(a.socket.writes).toEqual([["last", "close:1001"]]);
    expect(b.socket.writes).toEqual([]);
  });

  it("terminates a socket whose uncork throws and still uncorks the others", () => {
    const { open, tickEnds } = setup();
    const a = open();
    const b = open();
    a.conn.deliverReliable(frame("a"));
    b.conn.deliverReliable(frame("b"));
    a.socket.uncorkThrows = true;
    tickEnds();
    expect(a.socket.terminated).toBe(true);
    expect(b.socket.writes).toEqual([["b"]]);
  });
});
