import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import {
  clientFrame,
  FrameReader,
  OP_CLOSE,
  OP_PING,
  OP_PONG,
  OP_TEXT,
} from "./ws-frames";

/** Called for each text message: `data[start, end)` is its payload, valid only during the call. */
export type OnText = (data: Buffer, start: number, end: number) => void;

const HEADER_END = Buffer.from("\r\n\r\n");
/** One read buffer for every socket of the process: reads are handled before the next one. */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

/**
 * A WebSocket client on a bare TCP socket: the opening handshake, then frames parsed in place out
 * of a shared read buffer (Node's `onread`), with no stream machinery and no allocation per read.
 * `ws`'s client costs about as much per message as the server under test costs per delivery, so
 * with it the load generator, not the server, would saturate first on a two-core machine.
 */
export class LightSocket {
  private readonly reader: FrameReader;
  private socket: Socket | null = null;
  private head: Buffer | null = Buffer.alloc(0);

  private constructor(onText: OnText) {
    this.reader = new FrameReader((opcode, data, start, end) => {
      if (opcode === OP_TEXT) onText(data, start, end);
      else if (opcode === OP_PING)
        this.write(OP_PONG, Buffer.from(data.subarray(start, end)));
      else if (opcode === OP_CLOSE) this.socket?.end();
    });
  }

  /** Connect to `url` (ws://host:port/path) and complete the handshake. */
  static open(
    url: string,
    onText: OnText,
    onClose: () => void,
  ): Promise<LightSocket> {
    const { hostname, port, pathname, search } = new URL(url);
    const light = new LightSocket(onText);
    return new Promise((resolve, reject) => {
      const onHandshake = (chunk: Buffer): void => {
        const head = Buffer.concat([light.head ?? Buffer.alloc(0), chunk]);
        const end = head.indexOf(HEADER_END);
        if (end < 0) {
          light.head = head;
          return;
        }
        light.head = null;
        const status = head.subarray(0, head.indexOf("\r\n")).toString();
        if (!/^HTTP\/1\.1 101 /.test(status)) {
          socket.destroy();
          reject(new Error(`handshake refused: ${status}`));
          return;
        }
        socket.on("close", onClose);
        resolve(light);
        // Frames that came with the handshake (Engine.IO's open packet) are read once the caller
        // holds the socket and can answer them.
        const early = head.subarray(end + 4);
        if (early.length > 0) setImmediate(() => light.reader.push(early));
      };
      const socket = connect({
        host: hostname,
        port: Number(port),
        noDelay: true,
        onread: {
          buffer: READ_BUFFER,
          callback: (bytes: number, buffer: Uint8Array): boolean => {
            const chunk = Buffer.from(buffer.buffer, buffer.byteOffset, bytes);
            if (light.head !== null) onHandshake(Buffer.from(chunk));
            else light.reader.push(chunk);
            return true;
          },
        },
      });
      light.socket = socket;
      socket.once("error", reject);
      socket.on("error", () => undefined);
      socket.write(
        `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
          "Upgrade: websocket\r\nConnection: Upgrade\r\n" +
          `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\n` +
          "Sec-WebSocket-Version: 13\r\n\r\n",
      );
    });
  }

  sendText(text: string): void {
    this.write(OP_TEXT, Buffer.from(text));
  }

  /** Stop reading: the kernel buffers fill, then the server's. */
  pause(): void {
    this.socket?.pause();
  }

  destroy(): void {
    this.socket?.destroy();
  }

  private write(opcode: number, payload: Buffer): void {
    if (this.socket && !this.socket.destroyed)
      this.socket.write(clientFrame(opcode, payload));
  }
}
