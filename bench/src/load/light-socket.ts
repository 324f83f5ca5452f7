import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import { constants, inflateRawSync } from "node:zlib";
import {
  clientFrame,
  FrameReader,
  OP_BINARY,
  OP_CLOSE,
  OP_PING,
  OP_PONG,
  OP_TEXT,
} from "./ws-frames";

/**
 * Called for each text or binary message: `data[start, end)` is its payload (inflated when it was
 * compressed), valid only during the call.
 */
export type OnText = (
  data: Buffer,
  start: number,
  end: number,
  binary: boolean,
) => void;

/** What a socket asks for in its handshake beyond a plain WebSocket. */
export interface HandshakeOptions {
  /** `Sec-WebSocket-Protocol`, e.g. `tradewire.v1.msgpack`. */
  readonly subprotocol?: string;
  /** Offer permessage-deflate; every server message is then compressed on its own. */
  readonly deflate?: boolean;
}

/** What permessage-deflate strips from the end of each message (RFC 7692 7.2.2). */
const DEFLATE_TAIL = Buffer.from([0x00, 0x00, 0xff, 0xff]);
/** The message ends with an empty sync-flush block, not the end of a stream. */
const INFLATE_OPTIONS = { finishFlush: constants.Z_SYNC_FLUSH };
/** Bytes every socket of this process has read from the network, handshakes included. */
let bytesRead = 0;
export function wireBytesRead(): number {
  return bytesRead;
}

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
    this.reader = new FrameReader((opcode, data, start, end, compressed) => {
      if (opcode === OP_TEXT || opcode === OP_BINARY) {
        const binary = opcode === OP_BINARY;
        if (!compressed) onText(data, start, end, binary);
        else {
          // Each message was compressed on its own (server_no_context_takeover).
          const plain = inflateRawSync(
            Buffer.concat([data.subarray(start, end), DEFLATE_TAIL]),
            INFLATE_OPTIONS,
          );
          onText(plain, 0, plain.length, binary);
        }
      } else if (opcode === OP_PING)
        this.write(OP_PONG, Buffer.from(data.subarray(start, end)));
      else if (opcode === OP_CLOSE) this.socket?.end();
    });
  }

  /** Connect to `url` (ws://host:port/path) and complete the handshake. */
  static open(
    url: string,
    onText: OnText,
    onClose: () => void,
    options: HandshakeOptions = {},
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
            bytesRead += bytes;
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
          "Sec-WebSocket-Version: 13\r\n" +
          handshakeExtras(options) +
          "\r\n",
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

function handshakeExtras(options: HandshakeOptions): string {
  let extra = "";
  if (options.subprotocol !== undefined)
    extra += `Sec-WebSocket-Protocol: ${options.subprotocol}\r\n`;
  if (options.deflate === true)
    extra +=
      "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";
  return extra;
}
