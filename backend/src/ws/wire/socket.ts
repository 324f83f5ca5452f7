/**
 * The part of a WebSocket the router core uses. `ws`'s WebSocket satisfies it; the core knows
 * nothing else about the transport.
 */
export interface CoreSocket {
  /** Bytes accepted by the socket but not yet taken by the operating system. */
  readonly bufferedAmount: number;
  send(
    data: string | Buffer,
    options: { binary: boolean; compress?: boolean },
  ): void;
  close(code: number, reason: string): void;
  terminate(): void;
  ping(data: Buffer): void;
  pong(data: Buffer): void;
  /**
   * Hold writes until `uncork` and hand them to the operating system together (one syscall for
   * several frames). Optional: a transport without it writes each frame as it comes. The core
   * corks a socket on its first write of a tick and uncorks it once the tick's synchronous work
   * is over (`connection/tick-corks.ts`), so nothing waits for a timer.
   */
  cork?(): void;
  uncork?(): void;
}

/** What the transport knows of the peer beyond its socket. */
export interface PeerInfo {
  /** The key the per-address cap counts under (an IPv4 address, or an IPv6 /64). */
  readonly address: string;
  /** The id of the upgrade request (its `X-Request-Id`): socket errors and log lines carry it. */
  readonly requestId?: string;
  /** How the socket is carried, for metrics: `websocket` when absent, `sse` for the fallback. */
  readonly transport?: string;
  /**
   * Output bytes the operating system has taken from this socket so far. Once its send buffer is
   * full it only takes more when the peer reads, so growth then proves the peer is reading.
   */
  consumedBytes(): number;
}

// The transport never compresses on its own: a compressed frame is built once per update and
// shared (see adapters/ws-deflate.ts), a per-socket compressor would cost memory per socket.
export const TEXT_FRAME = { binary: false, compress: false } as const;
export const BINARY_FRAME = { binary: true, compress: false } as const;

/**
 * One frame (or a run of frames), encoded once and written to a socket as it is: the fan-out
 * loop does no per-socket encoding and allocates nothing of its own.
 */
export interface PreparedFrame {
  /** What the frame costs a socket's budget while it waits: its payload size. */
  readonly byteLength: number;
  write(socket: CoreSocket): void;
}

/** How the transport prepares a frame once for many sockets; its adapter may provide one. */
export interface FrameEncoder {
  prepare(text: Buffer): PreparedFrame;
  prepareText(text: string): PreparedFrame;
  /** A binary frame (MessagePack) of these bytes; they may be overwritten later, so it copies them. */
  prepareBinary(bytes: Buffer): PreparedFrame;
}

class TextFrame implements PreparedFrame {
  readonly byteLength: number;

  constructor(
    private readonly text: Buffer | string,
    private readonly options: typeof TEXT_FRAME | typeof BINARY_FRAME,
  ) {
    this.byteLength =
      typeof text === "string" ? Buffer.byteLength(text) : text.length;
  }

  write(socket: CoreSocket): void {
    socket.send(this.text, this.options);
  }
}

/** The default: the payload is kept and each socket's `send` frames it. */
export const textFrames: FrameEncoder = {
  prepare: (text) => new TextFrame(text, TEXT_FRAME),
  prepareText: (text) => new TextFrame(text, TEXT_FRAME),
  prepareBinary: (bytes) => new TextFrame(Buffer.from(bytes), BINARY_FRAME),
};

/**
 * A frame addressed to one socket (an answer, an error, a snapshot item) that has to wait: kept
 * as a string, which costs its length in the heap, and framed only when it is written.
 */
export class WaitingText implements PreparedFrame {
  readonly byteLength: number;

  constructor(
    private readonly text: string,
    private readonly frame: (text: string) => PreparedFrame,
  ) {
    this.byteLength = Buffer.byteLength(text);
  }

  write(socket: CoreSocket): void {
    this.frame(this.text).write(socket);
  }
}

/** Several frames that wait, are replaced and are written together (one subscriber's snapshot). */
export class FrameRun implements PreparedFrame {
  readonly byteLength: number;

  constructor(private readonly frames: readonly PreparedFrame[]) {
    let n = 0;
    for (const f of frames) n += f.byteLength;
    this.byteLength = n;
  }

  write(socket: CoreSocket): void {
    for (const f of this.frames) f.write(socket);
  }
}

/** A protocol pong answering the peer's ping, held in the socket's queue like any frame. */
export class PongFrame implements PreparedFrame {
  constructor(private readonly data: Buffer) {}

  get byteLength(): number {
    return this.data.length + 2;
  }

  write(socket: CoreSocket): void {
    socket.pong(this.data);
  }
}
