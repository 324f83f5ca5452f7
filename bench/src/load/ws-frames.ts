import { randomBytes } from "node:crypto";

/** WebSocket opcodes (RFC 6455 §5.2) the load generator handles. */
export const OP_TEXT = 0x1;
export const OP_BINARY = 0x2;
export const OP_CLOSE = 0x8;
export const OP_PING = 0x9;
export const OP_PONG = 0xa;

/** A client frame: FIN set, masked as RFC 6455 requires of clients. */
export function clientFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const extended = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const frame = Buffer.allocUnsafe(2 + extended + 4 + length);
  frame[0] = 0x80 | opcode;
  if (extended === 0) frame[1] = 0x80 | length;
  else if (extended === 2) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  const maskAt = 2 + extended;
  randomBytes(4).copy(frame, maskAt);
  for (let i = 0; i < length; i++)
    frame[maskAt + 4 + i] =
      (payload[i] as number) ^ (frame[maskAt + (i & 3)] as number);
  return frame;
}

/** Called for each complete server frame: `data[start, end)` is its payload. */
export type OnFrame = (
  opcode: number,
  data: Buffer,
  start: number,
  end: number,
  /** RSV1: the payload is compressed with permessage-deflate. */
  compressed: boolean,
) => void;

/**
 * Splits the byte stream of one socket into server frames (unmasked, unfragmented: neither `ws`
 * nor Engine.IO fragments these messages). Payloads are handed over as offsets into the chunk,
 * so a frame that arrives whole costs no copy and no allocation.
 */
export class FrameReader {
  private rest: Buffer | null = null;

  constructor(private readonly onFrame: OnFrame) {}

  push(chunk: Buffer): void {
    let data = chunk;
    if (this.rest !== null) {
      data = Buffer.concat([this.rest, chunk]);
      this.rest = null;
    }
    let at = 0;
    const n = data.length;
    while (n - at >= 2) {
      const first = data[at] as number;
      const opcode = first & 0x0f;
      let length = (data[at + 1] as number) & 0x7f;
      let head = 2;
      if (length === 126) {
        if (n - at < 4) break;
        length = data.readUInt16BE(at + 2);
        head = 4;
      } else if (length === 127) {
        if (n - at < 10) break;
        length = Number(data.readBigUInt64BE(at + 2));
        head = 10;
      }
      if (n - at < head + length) break;
      this.onFrame(
        opcode,
        data,
        at + head,
        at + head + length,
        (first & 0x40) !== 0,
      );
      at += head + length;
    }
    if (at < n) this.rest = Buffer.from(data.subarray(at));
  }
}
