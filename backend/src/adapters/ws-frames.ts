import * as wsModule from "ws";
import { WebSocket } from "ws";
import {
  BINARY_FRAME,
  TEXT_FRAME,
  textFrames,
  type CoreSocket,
  type FrameEncoder,
  type PreparedFrame,
} from "../ws";

/** The parts of `ws` the frame encoder uses that its public API and types do not expose. */
export interface WsSocketInternals {
  readonly readyState: number;
  readonly _sender: {
    readonly _state: number;
    sendFrame(list: readonly Buffer[]): void;
  };
}

/** The sender's state when it is not compressing or reading a Blob: nothing is queued in it. */
const SENDER_IDLE = 0;
/** FIN and the opcode: the first byte of a whole text or binary frame. */
export const FIN_TEXT = 0x81;
export const FIN_BINARY = 0x82;
/** RSV1 marks a message compressed with permessage-deflate (RFC 7692). */
export const RSV1 = 0x40;

/** Whether `ws`'s sender can take a whole frame now, ahead of nothing. */
export function senderIdle(socket: CoreSocket): boolean {
  const ws = socket as unknown as WsSocketInternals;
  return ws.readyState === WebSocket.OPEN && ws._sender._state === SENDER_IDLE;
}

/**
 * A whole WebSocket frame, header and payload in one buffer, built once and handed to each
 * socket's sender as is: one plain write per socket, without the re-framing, option objects,
 * checks and two-chunk corked write of `ws.send` (the broadcast technique `ws` documents, and the
 * one Socket.IO uses).
 */
export class WsFrame implements PreparedFrame {
  private readonly wire: readonly Buffer[];

  constructor(
    protected readonly frame: Buffer,
    protected readonly head: number,
  ) {
    this.wire = [frame];
  }

  get byteLength(): number {
    return this.frame.length;
  }

  write(socket: CoreSocket): void {
    if (senderIdle(socket))
      (socket as unknown as WsSocketInternals)._sender.sendFrame(this.wire);
    else this.sendThroughWs(socket);
  }

  /** Closing, or something queued in the sender: ws.send keeps order and state right. */
  protected sendThroughWs(socket: CoreSocket): void {
    socket.send(
      this.frame.subarray(this.head),
      this.frame[0] === FIN_BINARY ? BINARY_FRAME : TEXT_FRAME,
    );
  }
}

/**
 * A server frame (FIN, unmasked, first byte `first`) with room for `length` payload bytes after
 * its header. It has memory of its own, never a slice of Node's shared 8 KB buffer pool: a frame
 * that waits for a slow socket would otherwise keep a whole pool slab alive for a few hundred
 * bytes, and memory held for slow sockets would be many times what their budgets count.
 */
export function allocFrame(
  length: number,
  first: number = FIN_TEXT,
): { frame: Buffer; head: number } {
  const head = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafeSlow(head + length);
  frame[0] = first;
  if (head === 2) frame[1] = length;
  else if (head === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  return { frame, head };
}

/** A frame of these payload bytes, copied after a header whose first byte is `first`. */
function bytesFrame(bytes: Buffer, first: number): WsFrame {
  const { frame, head } = allocFrame(bytes.length, first);
  bytes.copy(frame, head);
  return new WsFrame(frame, head);
}

// Read from the module, not from `WebSocket.Sender`: that property is set by ws's CommonJS entry
// only, so under ESM it exists only if something else happened to require("ws") first.
export const hasSendFrame =
  typeof (wsModule as { Sender?: { prototype?: { sendFrame?: unknown } } })
    .Sender?.prototype?.sendFrame === "function";

/** Frames built once and written with `ws`'s sender; plain sends if this `ws` lacks it. */
export const wsFrames: FrameEncoder = hasSendFrame
  ? {
      prepare: (text) => bytesFrame(text, FIN_TEXT),
      prepareText(text) {
        const { frame, head } = allocFrame(Buffer.byteLength(text));
        frame.write(text, head);
        return new WsFrame(frame, head);
      },
      prepareBinary: (bytes) => bytesFrame(bytes, FIN_BINARY),
    }
  : textFrames;
