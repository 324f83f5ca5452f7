import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { SseSocket, sseCodec, SSE_CODEC_SLOT } from "./sse-socket";

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

/** A real response as an SseSocket, and everything its client reads until the response ends. */
async function stream(write: (socket: SseSocket) => void): Promise<string> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    write(new SseSocket(res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}/`);
  return res.text();
}

const update = (json: string) => ({
  type: "quotes.update",
  topicJson: '"quotes:x"',
  seq: 1,
  data: {},
  json: () => json,
});

describe("SseSocket and the sse codec", () => {
  it("writes each frame as one data event, pings as ping events, and a close as the last event", async () => {
    const text = await stream((socket) => {
      sseCodec.update(update('{"type":"quotes.update"}')).write(socket);
      sseCodec.text('{"type":"pong"}').write(socket);
      socket.ping(Buffer.from([0, 255]));
      socket.close(4000, "slow consumer");
      socket.send("never written");
    });
    expect(text).toBe(
      'data: {"type":"quotes.update"}\n\n' +
        'data: {"type":"pong"}\n\n' +
        "event: ping\ndata: 00ff\n\n" +
        'event: close\ndata: {"code":4000,"reason":"slow consumer"}\n\n',
    );
  });

  it("splits text with line breaks into data lines, so no frame can forge an event", async () => {
    const text = await stream((socket) => {
      socket.send("a\nevent: close\r\nb");
      socket.close(1000, "");
    });
    expect(text.split("\n\n")[0]).toBe("data: a\ndata: event: close\ndata: b");
  });

  it("has its own codec slot, and counts a frame's event bytes", () => {
    expect([sseCodec.slot, sseCodec.name]).toEqual([SSE_CODEC_SLOT, "sse"]);
    expect(sseCodec.text('{"a":"é"}').byteLength).toBe(
      Buffer.byteLength('data: {"a":"é"}\n\n'),
    );
  });
});
