import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { deflateFrames, perMessageDeflateOptions } from "./ws-deflate";
import { DEFAULT_WS_DEFLATE } from "./ws-deflate-config";
import { wsFrames } from "./ws-frames";

const config = { ...DEFAULT_WS_DEFLATE, enabled: true, thresholdBytes: 64 };
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

interface Received {
  text: string;
  binary: boolean;
}

/** A real server socket offering permessage-deflate and a client that accepts it or not. */
async function pair(clientDeflate: boolean) {
  const wss = new WebSocketServer({
    port: 0,
    host: "127.0.0.1",
    perMessageDeflate: perMessageDeflateOptions(config),
  });
  servers.push(wss);
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const { port } = wss.address() as AddressInfo;
  const server = new Promise<WebSocket>((resolve) =>
    wss.once("connection", resolve),
  );
  const client = new WebSocket(`ws://127.0.0.1:${port}`, {
    perMessageDeflate: clientDeflate,
  });
  const received: Received[] = [];
  client.on("message", (data: Buffer, binary) =>
    received.push({ text: data.toString("utf8"), binary }),
  );
  await new Promise<void>((resolve) => client.once("open", () => resolve()));
  return { server: await server, received, client };
}

describe("messages compressed once for every socket that negotiated permessage-deflate", () => {
  it("arrive whole, smaller on the wire, text and binary; short ones are sent as they are", async () => {
    const { server, received, client } = await pair(true);
    expect(client.extensions).toContain("permessage-deflate");
    const encoder = deflateFrames(config);
    const long = `{"quotes":[${'{"lp":181.25,"n":"AAPL"},'.repeat(40)}1]}`;
    const frames = [
      encoder.prepareText(long),
      encoder.prepareText("short"),
      encoder.prepareBinary(Buffer.from(long)),
    ];
    for (const frame of frames) frame.write(server);
    await expect.poll(() => received.length).toBe(3);
    expect(received.map((r) => [r.text, r.binary])).toEqual([
      [long, false],
      ["short", false],
      [long, true],
    ]);
    // Whole frames, header included: the long ones compressed, the short one as it is.
    expect(frames[0]?.byteLength).toBeLessThan(long.length / 4);
    expect(frames[1]?.byteLength).toBe("short".length + 2);
  });

  it("keep their order when ws's sender is busy reading a Blob, sent uncompressed then", async () => {
    const { server, received } = await pair(true);
    const encoder = deflateFrames(config);
    const long = "x".repeat(500);
    server.send(new Blob(["first"]));
    // The sender is reading the Blob: the frame goes through ws.send, after it.
    encoder.prepareText(long).write(server);
    wsFrames.prepareText("third").write(server);
    await expect.poll(() => received.length).toBe(3);
    expect(received.map((r) => r.text)).toEqual(["first", long, "third"]);
  });
});
