import { WebSocket } from "ws";
import {
  TEXT_FRAME,
  textFrames,
  type CoreSocket,
  type FrameEncoder,
  type PreparedFrame,
} from "../ws";

/** The parts of `ws` the frame encoder uses that its public API and types do not expose. */
interface WsSocketInternals {
  readonly readyState: number;
  readonly _sender: {
    readonly _state: number;
    sendFrame(list: readonly Buffer[]): void;
  };
}

/** The sender's state when it is not compressing or reading a Blob: nothing is queued in it. */
const SENDER_IDLE = 0;
const FIN_TEXT = 0x81;

/**
 * A whole WebSocket text frame, header and payload in one buffer, built once and handed to each
 * socket's sender as is: one plain write per socket, without the re-framing, option objects,
 * checks and two-chunk corked write of `ws.send` (the broadcast technique `ws` documents, and the
 * one Socket.IO uses).
 */
class WsFrame implements PreparedFrame {
  private readonly wire: readonly Buffer[];

  constructor(
    private readonly frame: Buffer,
    private readonly head: number,
  ) {
    this.wire = [frame];
  }

  get byteLength(): number {
    return this.frame.length;
  }

  write(socket: CoreSocket): void {
    const ws = socket as unknown as WsSocketInternals;
    if (ws.readyState === WebSocket.OPEN && ws._sender._state === SENDER_IDLE)
      ws._sender.sendFrame(this.wire);
    // Closing, or something queued in the sender: ws.send keeps order and state right.
    else socket.send(this.frame.subarray(this.head), TEXT_FRAME);
  }
}

/**
 * A server text frame (FIN, unmasked) with room for `length` payload bytes after its header. It
 * has memory of its own, never a slice of Node's shared 8 KB buffer pool: a frame that waits for a
 * slow socket would otherwise keep a whole pool slab alive for a few hundred bytes, and memory
 * held for slow sockets would be many times what their budgets count.
 */
function allocFrame(length: number): { frame: Buffer; head: number } {
  const head = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafeSlow(head + length);
  frame[0] = FIN_TEXT;
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

const hasSendFrame =
  typeof (
    WebSocket as unknown as { Sender?: { prototype?: { sendFrame?: unknown } } }
  ).Sender?.prototype?.sendFrame === "function";

/** Frames built once and written with `ws`'s sender; plain sends if this `ws` lacks it. */
export const wsFrames: FrameEncoder = hasSendFrame
  ? {
      prepare(text) {
        const { frame, head } = allocFrame(text.length);
        text.copy(frame, head);
        return new WsFrame(frame, head);
      },
      prepareText(text) {
        const { frame, head } = allocFrame(Buffer.byteLength(text));
        frame.write(text, head);
        return new WsFrame(frame, head);
      },
    }
  : textFrames;
