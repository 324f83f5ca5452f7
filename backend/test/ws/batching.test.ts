import type { Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { takeViolations } from "../support/conformance";
import { startTestApp, type TestApp } from "../support/test-app";
import { TestSocket, until } from "../support/test-socket";
import { paddedQuote } from "./flood";

const PARAMS = { symbols: ["AAPL", "MSFT"] };
const TOPIC = 'quotes:{"symbols":["AAPL","MSFT"]}';

type WriteFn = (...args: unknown[]) => unknown;

/** The writes a server TCP socket hands the kernel: one entry per syscall, its chunk count. */
function watchWrites(tcp: Socket): number[] {
  const writes: number[] = [];
  const s = tcp as unknown as { _write: WriteFn; _writev: WriteFn };
  const write = s._write.bind(tcp);
  const writev = s._writev.bind(tcp);
  s._write = (...args) => {
    writes.push(1);
    return write(...args);
  };
  s._writev = (...args) => {
    writes.push((args[0] as unknown[]).length);
    return writev(...args);
  };
  return writes;
}

/** The server's end of a test client's connection. */
function serverTcpOf(t: TestApp, client: TestSocket): Socket {
  const port = (client.ws as unknown as { _socket: Socket })._socket.localPort;
  for (const ws of t.app.fastify.websocketServer.clients) {
    const tcp = (ws as unknown as { _socket: Socket })._socket;
    if (tcp.remotePort === port) return tcp;
  }
  throw new Error(`no server socket for client port ${port}`);
}

describe("batching: a tick's updates for one socket leave in one write", () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
    expect(takeViolations()).toEqual([]);
  });
  afterAll(() => t.close());

  async function subscribed(): Promise<{
    client: TestSocket;
    writes: number[];
  }> {
    const client = await TestSocket.open(t.wsUrl);
    sockets.push(client);
    await client.subscribe("quotes", PARAMS);
    // Whatever followed the answer (a snapshot) has been written by the time a ping is answered.
    expect((await client.ping()).type).toBe("pong");
    client.frames.splice(0);
    return { client, writes: watchWrites(serverTcpOf(t, client)) };
  }

  const updates = (client: TestSocket) =>
    client.frames.filter((f) => f.type === "quotes.update");

  it("writes several updates published in one tick to each subscriber in one syscall, in order", async () => {
    const a = await subscribed();
    const b = await subscribed();
    for (let i = 1; i <= 5; i++)
      t.services.quotes.publish(TOPIC, paddedQuote(i % 2 ? "AAPL" : "MSFT", i));
    await until(
      () => updates(a.client).length === 5 && updates(b.client).length === 5,
    );
    expect(a.writes).toEqual([5]);
    expect(b.writes).toEqual([5]);
    for (const { client } of [a, b]) {
      const got = updates(client).map(
        (f) => (f.payload as { payload: { v: { lp: number } } }).payload.v.lp,
      );
      expect(got).toEqual([1, 2, 3, 4, 5]);
      const seqs = updates(client).map(
        (f) => (f.payload as { seq: number }).seq,
      );
      expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] as number) + i));
    }
  });

  it("writes a lone update as soon as the publishing code returns, with no timer in between", async () => {
    const { client, writes } = await subscribed();
    t.services.quotes.publish(TOPIC, paddedQuote("AAPL", 42));
    // Corked while the publisher's synchronous work runs...
    expect(writes).toEqual([]);
    // ...and written by the task queued behind it, before any timer or I/O callback.
    await Promise.resolve();
    expect(writes).toEqual([1]);
    await until(() => updates(client).length === 1);
  });

  it("writes the updates of separate ticks separately", async () => {
    const { client, writes } = await subscribed();
    t.services.quotes.publish(TOPIC, paddedQuote("AAPL", 1));
    t.services.quotes.publish(TOPIC, paddedQuote("MSFT", 2));
    await new Promise((resolve) => setImmediate(resolve));
    t.services.quotes.publish(TOPIC, paddedQuote("AAPL", 3));
    await until(() => updates(client).length === 3);
    expect(writes).toEqual([2, 1]);
  });
});
