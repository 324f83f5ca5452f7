import { unpack } from "msgpackr";
import { describe, expect, it } from "vitest";
import { jsonCodec, UpdateFrames } from "./codec";
import { updateSerializer } from "./codecs";
import { msgpackCodec, unpackValue } from "./msgpack-codec";
import type { FrameEncoder, PreparedFrame } from "./socket";

/** An encoder that keeps what it was asked to frame. */
function recordingEncoder() {
  const texts: string[] = [];
  const binaries: Buffer[] = [];
  const frame: PreparedFrame = { byteLength: 0, write: () => undefined };
  const encoder: FrameEncoder = {
    prepare: () => frame,
    prepareText: (text) => (texts.push(text), frame),
    prepareBinary: (bytes) => (binaries.push(Buffer.from(bytes)), frame),
  };
  return { encoder, texts, binaries };
}

const quote = {
  s: "ok",
  n: "AAPL",
  v: { lp: 181.37, volume: 12_345_678, short_name: undefined },
};

describe("the MessagePack codec", () => {
  it("packs an update once however many subscribers read it, the same envelope as the JSON frame", () => {
    const { encoder, texts, binaries } = recordingEncoder();
    const json = jsonCodec(encoder);
    const packed = msgpackCodec(encoder);
    const update = new UpdateFrames(
      "quotes.update",
      { topicJson: JSON.stringify('quotes:{"symbols":["AAPL"]}'), seq: 7 },
      quote,
      updateSerializer("quotes.update"),
    );
    for (let i = 0; i < 100; i++) {
      update.for(packed);
      update.for(json);
    }
    expect([texts.length, binaries.length]).toEqual([1, 1]);
    // Undefined fields are left out in both, as JSON.stringify leaves them out.
    expect(unpack(binaries[0] as Buffer)).toEqual(
      JSON.parse(texts[0] as string),
    );
  });

  it("repacks a reply's JSON text and decodes exactly one value", () => {
    const { encoder, binaries } = recordingEncoder();
    msgpackCodec(encoder).text('{"type":"pong","id":3,"payload":{"t":1.5}}');
    expect(unpackValue(binaries[0] as Buffer)).toEqual({
      type: "pong",
      id: 3,
      payload: { t: 1.5 },
    });
    expect(() => unpackValue(Buffer.from([0x01, 0x02]))).toThrow();
    expect(() => unpackValue(Buffer.alloc(0))).toThrow();
  });
});
