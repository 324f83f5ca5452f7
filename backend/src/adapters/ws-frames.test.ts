import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { wsFrames } from "./ws-frames";

const servers: WebSocketServer[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          for (const c of s.clients) c.terminate();
          s.close(() => resolve());
        }),
    ),
  );
});

/** A real server socket and the client at the other end, with what the client receives. */
async function pair(): Promise<{
  server: WebSocket;
  received: { text: string; binary: boolean }[];
}> {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  servers.push(wss);
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const { port } = wss.address() as AddressInfo;
  const server = new Promise<WebSocket>((resolve) =>
    wss.once("connection", resolve),
  );
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  const received: { text: string; binary: boolean }[] = [];
  client.on("message", (data: Buffer, binary) =>
    received.push({ text: data.toString("utf8"), binary }),
  );
  await new Promise<void>((resolve) => client.once("open", () => resolve()));
  return { server: await server, received };
}

describe("frames prepared once for many sockets", () => {
  it("arrive as the same text frames ws.send would write, at every length encoding", async () => {
    const a = await pair();
    const b = await pair();
    // 7-bit, 16-bit and 64-bit payload lengths, with multi-byte characters.
    const texts = ["é", "x".repeat(200), `${"€".repeat(30_000)}!`];
    for (const text of texts) {
      const frame = wsFrames.prepare(Buffer.from(text));
      frame.write(a.server);
      frame.write(b.server);
      // Built from the string, with a buffer of its own: the same bytes.
      wsFrames.prepareText(text).write(a.server);
      wsFrames.prepareText(text).write(b.server);
    }
    await expect
      .poll(() => [a.received.length, b.received.length])
      .toEqual([6, 6]);
    const expected = texts.flatMap((text) => [
      { text, binary: false },
      { text, binary: false },
    ]);
    expect(a.received).toEqual(expected);
    expect(b.received).toEqual(expected);
  });

  it("keep their order with messages sent through ws.send in between", async () => {
    const { server, received } = await pair();
    wsFrames.prepare(Buffer.from("1")).write(server);
    server.send("2");
    wsFrames.prepare(Buffer.from("3")).write(server);
    await expect.poll(() => received.length).toBe(3);
    expect(received.map((r) => r.text)).toEqual(["1", "2", "3"]);
  });

  it("are dropped quietly once the socket is closing, as ws.send drops them", async () => {
    const { server } = await pair();
    server.close(1000, "bye");
    expect(() =>
      wsFrames.prepare(Buffer.from("late")).write(server),
    ).not.toThrow();
  });
});
