import { describe, expect, it } from "vitest";
import { fallbackWebSocket } from "./fallback.js";
import { parseEvent, sseUrlFor, type FetchLike } from "./sse-transport.js";
import { FakeSockets } from "./testing/fake-sockets.js";
import { ManualClock } from "./testing/manual-clock.js";
import { ReadyState } from "./transport.js";

/** A fetch whose event streams the test writes to; POSTs are recorded and answered 202. */
function streamingFetch() {
  const streams: ReadableStreamDefaultController<Uint8Array>[] = [];
  const requests: { url: string; method: string; body?: string }[] = [];
  const fetch: FetchLike = (url, init) => {
    requests.push({
      url,
      method: init.method ?? "GET",
      ...(init.body ? { body: init.body } : {}),
    });
    if (init.method === "POST")
      return Promise.resolve({ ok: true, status: 202, body: null });
    const body = new ReadableStream<Uint8Array>({
      start: (c) => void streams.push(c),
    });
    return Promise.resolve({ ok: true, status: 200, body });
  };
  const write = (n: number, text: string) =>
    streams[n]?.enqueue(new TextEncoder().encode(text));
  return { fetch, requests, streams, write };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("the fallback transport's client side", () => {
  it("maps a socket URL to the event stream URL, keeping the query", () => {
    expect(sseUrlFor("wss://h.example/api/v1/ws?token=a%20b")).toBe(
      "https://h.example/api/v1/sse?token=a%20b",
    );
    expect(sseUrlFor("ws://127.0.0.1:8000/api/v1/ws")).toBe(
      "http://127.0.0.1:8000/api/v1/sse",
    );
    expect(() => sseUrlFor("ws://h/elsewhere")).toThrow(TypeError);
  });

  it("reads events: data lines joined, comments skipped, named events", () => {
    expect(parseEvent('data: {"a":1}')).toEqual({
      type: "message",
      data: '{"a":1}',
    });
    expect(parseEvent("event: ping\ndata: 0a0b")).toEqual({
      type: "ping",
      data: "0a0b",
    });
    expect(parseEvent("data: x\ndata: y")).toEqual({
      type: "message",
      data: "x\ny",
    });
    expect(parseEvent(": keep-alive")).toBeNull();
  });

  it("tries the event stream when the upgrade hangs past its time, then keeps to it", async () => {
    const clock = new ManualClock();
    const sockets = new FakeSockets();
    const http = streamingFetch();
    const Transport = fallbackWebSocket({
      WebSocket: sockets.WebSocket,
      fetch: http.fetch,
      timers: clock,
      openTimeoutMs: 4000,
    });
    const first = new Transport("ws://h/api/v1/ws?token=t");
    const seen: string[] = [];
    first.onopen = () => seen.push("open");
    first.onmessage = (e) => seen.push(String(e.data));
    clock.advance(3999);
    expect(http.requests).toEqual([]);
    clock.advance(1);
    expect(sockets.dialled[0]?.readyState).toBe(ReadyState.Closed);
    expect(http.requests).toEqual([
      { url: "http://h/api/v1/sse?token=t", method: "GET" },
    ]);
    await tick();
    http.write(
      0,
      ': hi\n\nevent: open\ndata: {"session":"s1"}\n\ndata: {"type":"pong"}\n\n',
    );
    await tick();
    expect(seen).toEqual(["open", '{"type":"pong"}']);
    expect(first.transport).toBe("sse");
    first.send('{"type":"ping","id":1,"payload":{"t":1}}');
    first.send('{"type":"ping","id":2,"payload":{"t":2}}');
    http.write(0, "event: ping\ndata: 00ff\n\n");
    await tick();
    expect(http.requests.slice(1)).toEqual([
      {
        url: "http://h/api/v1/sse/s1?token=t",
        method: "POST",
        body: '[{"type":"ping","id":1,"payload":{"t":1}}]',
      },
      {
        url: "http://h/api/v1/sse/s1/pong?token=t",
        method: "POST",
        body: '{"data":"00ff"}',
      },
      {
        url: "http://h/api/v1/sse/s1?token=t",
        method: "POST",
        body: '[{"type":"ping","id":2,"payload":{"t":2}}]',
      },
    ]);
    let closed: unknown;
    first.onclose = (e) => (closed = e);
    http.write(0, 'event: close\ndata: {"code":1012,"reason":"restart"}\n\n');
    http.streams[0]?.close();
    await tick();
    expect(closed).toEqual({ code: 1012, reason: "restart" });

    const second = new Transport("ws://h/api/v1/ws");
    expect(second.transport).toBe("sse");
    expect(sockets.dialled).toHaveLength(1);
  });

  it("uses a WebSocket that opens, and tries one again after a dial where both failed", async () => {
    const clock = new ManualClock();
    const sockets = new FakeSockets();
    const refused: FetchLike = () =>
      Promise.resolve({ ok: false, status: 502, body: null });
    const Transport = fallbackWebSocket({
      WebSocket: sockets.WebSocket,
      fetch: refused,
      timers: clock,
      openTimeoutMs: 4000,
    });
    const down = new Transport("ws://h/api/v1/ws");
    let lost: unknown;
    down.onclose = (e) => (lost = e);
    sockets.dialled[0]?.drop();
    await tick();
    expect(lost).toEqual({ code: 1006, reason: "" });
    const next = new Transport("ws://h/api/v1/ws");
    sockets.dialled[1]?.open();
    expect([next.transport, next.readyState]).toEqual([
      "websocket",
      ReadyState.Open,
    ]);
  });
});
