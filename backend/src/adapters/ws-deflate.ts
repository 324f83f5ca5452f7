import { constants, deflateRawSync, inflateRawSync } from "node:zlib";
import {
  BINARY_FRAME,
  TEXT_FRAME,
  type CoreSocket,
  type FrameEncoder,
  type PreparedFrame,
} from "../ws";
import type { WsDeflateConfig } from "./ws-deflate-config";
import {
  allocFrame,
  FIN_BINARY,
  FIN_TEXT,
  RSV1,
  WsFrame,
  wsFrames,
} from "./ws-frames";

/** What permessage-deflate strips from the end of every compressed message (RFC 7692 7.2.1). */
const TAIL = Buffer.from([0x00, 0x00, 0xff, 0xff]);

/** The server's offer to `ws` (which only negotiates; it never compresses our frames itself). */
export function perMessageDeflateOptions(config: WsDeflateConfig) {
  return {
    serverNoContextTakeover: true,
    // Inbound messages are small requests: a client context kept across them would cost an
    // inflate window per socket for almost nothing.
    clientNoContextTakeover: true,
    serverMaxWindowBits: config.windowBits,
    // ws's own compressor is never used (every send passes compress: false).
    threshold: Number.MAX_SAFE_INTEGER,
    concurrencyLimit: 4,
  };
}

/**
 * A message compressed on its own and framed once with RSV1 set: the same bytes go to every
 * socket that negotiated the extension, with no compressor per socket.
 */
class DeflatedFrame extends WsFrame {
  // Rare (something queued in ws's sender): send the message uncompressed through ws.send.
  protected override sendThroughWs(socket: CoreSocket): void {
    const plain = inflateRawSync(
      Buffer.concat([this.frame.subarray(this.head), TAIL]),
      { finishFlush: constants.Z_SYNC_FLUSH },
    );
    const binary = ((this.frame[0] ?? 0) & 0x0f) === (FIN_BINARY & 0x0f);
    socket.send(plain, binary ? BINARY_FRAME : TEXT_FRAME);
  }
}

/** A compressing frame encoder: messages under the threshold are framed as they are. */
export function deflateFrames(config: WsDeflateConfig): FrameEncoder {
  const options = {
    level: config.level,
    memLevel: config.memLevel,
    windowBits: config.windowBits,
    finishFlush: constants.Z_SYNC_FLUSH,
  };
  const deflated = (payload: Buffer, first: number): PreparedFrame => {
    if (payload.length < config.thresholdBytes)
      return first === FIN_BINARY
        ? wsFrames.prepareBinary(payload)
        : wsFrames.prepare(payload);
    const out = deflateRawSync(payload, options);
    // A sync flush ends with the empty stored block the receiver appends back.
    const length = out.length - TAIL.length;
    const { frame, head } = allocFrame(length, first | RSV1);
    out.copy(frame, head, 0, length);
    return new DeflatedFrame(frame, head);
  };
  return {
    prepare: (text) => deflated(text, FIN_TEXT),
    prepareText: (text) => deflated(Buffer.from(text), FIN_TEXT),
    prepareBinary: (bytes) => deflated(bytes, FIN_BINARY),
  };
}
