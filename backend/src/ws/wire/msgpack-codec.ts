import {
  MSGPACK_PACK_OPTIONS,
  MSGPACK_UNPACK_OPTIONS,
} from "@tradewire/client";
import { Packr, Unpackr } from "msgpackr";
import type { OutboundUpdate, WireCodec } from "./codec";
import type { FrameEncoder } from "./socket";

// The client's options: both sides write the same plain MessagePack.
const packr = new Packr(MSGPACK_PACK_OPTIONS);
const unpackr = new Unpackr(MSGPACK_UNPACK_OPTIONS);

/** One MessagePack value; throws on bytes that are not exactly one. */
export function unpackValue(bytes: Buffer): unknown {
  const values = unpackr.unpackMultiple(bytes);
  if (values.length !== 1) throw new RangeError("not one MessagePack value");
  return values[0];
}

/**
 * The spec's update envelope as a MessagePack map, the same fields and values as the JSON frame:
 * `{type, payload: {topic, seq, payload}}`.
 */
export function packUpdate(update: OutboundUpdate): Buffer {
  return packr.pack({
    type: update.type,
    payload: {
      topic: JSON.parse(update.topicJson) as string,
      seq: update.seq,
      payload: update.data,
    },
  });
}

/**
 * MessagePack binary frames (`tradewire.v1.msgpack`): each update packed once for all its
 * MessagePack subscribers; answers are built as JSON text by the core (replies/) and repacked here,
 * which costs a parse per answer but keeps one definition of every reply.
 */
export function msgpackCodec(
  encoder: FrameEncoder,
  slot = 1,
  name = "msgpack",
): WireCodec {
  return {
    slot,
    name,
    // packr's output is a view of its reused buffer: the encoder copies it into the frame.
    update: (update) => encoder.prepareBinary(packUpdate(update)),
    text: (json) => encoder.prepareBinary(packr.pack(JSON.parse(json))),
    decode: unpackValue,
  };
}
