import type { ServerResponse } from "node:http";
import type { CoreSocket, PreparedFrame, WireCodec } from "../ws";

/**
 * The realtime core's socket over a Server-Sent Events response (the fallback transport): each
 * frame is one `data:` event, the core's liveness pings are `event: ping` (echoed by a POST to
 * `/api/v1/sse/{session}/pong`), and a close is a last `event: close` before the response ends.
 */
export class SseSocket implements CoreSocket {
  private ended = false;

  constructor(private readonly res: ServerResponse) {}

  /** What the response holds that the kernel has not taken yet (its socket's buffer included). */
  get bufferedAmount(): number {
    return this.res.writableLength;
  }

  /** A frame that was not prepared by the SSE codec: framed here. */
  send(data: string | Buffer): void {
    this.writeEvent(
      dataEvent(typeof data === "string" ? data : data.toString("utf8")),
    );
  }

  /** One whole event (or comment), already framed. */
  writeEvent(event: Buffer | string): void {
    if (!this.ended && !this.res.destroyed) this.res.write(event);
  }

  close(code: number, reason: string): void {
    if (this.ended) return;
    this.writeEvent(
      `event: close\ndata: ${JSON.stringify({ code, reason })}\n\n`,
    );
    this.ended = true;
    this.res.end();
  }

  terminate(): void {
    this.ended = true;
    this.res.destroy();
  }

  ping(data: Buffer): void {
    this.writeEvent(`event: ping\ndata: ${data.toString("hex")}\n\n`);
  }

  /** SSE peers cannot send protocol pings, so there is never a pong to write. */
  pong(): void {}
}

/**
 * `data: <text>\n\n`. JSON text has no raw line breaks; anything else is split into `data:` lines,
 * which the browser joins back with `\n`.
 */
function dataEvent(text: string): string {
  const body = /[\r\n]/.test(text)
    ? text.replace(/\r\n|\r|\n/g, "\ndata: ")
    : text;
  return `data: ${body}\n\n`;
}

/**
 * One event built once and written to every SSE subscriber as it is. Its own memory, not a slice
 * of Node's shared pool (see ws-frames.ts: a waiting frame would keep a whole slab alive).
 */
class SseEvent implements PreparedFrame {
  private readonly wire: Buffer;

  constructor(text: string) {
    const event = dataEvent(text);
    this.wire = Buffer.allocUnsafeSlow(Buffer.byteLength(event));
    this.wire.write(event);
  }

  get byteLength(): number {
    return this.wire.length;
  }

  // Only SseSockets are given the SSE codec (the adapter accepts them with it).
  write(socket: CoreSocket): void {
    (socket as SseSocket).writeEvent(this.wire);
  }
}

/** The codec slot of SSE events in an update's frames (see ws/wire/codec.ts). */
export const SSE_CODEC_SLOT = 7;

/** JSON frames as SSE events: an update's event is built once for every SSE subscriber. */
export const sseCodec: WireCodec = {
  slot: SSE_CODEC_SLOT,
  name: "sse",
  update: (update) => new SseEvent(update.json()),
  text: (json) => new SseEvent(json),
};
