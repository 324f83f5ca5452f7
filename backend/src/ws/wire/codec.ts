import type { FrameEncoder, PreparedFrame } from "./socket";

/** One update before any encoding: what every codec builds its frame from. */
export interface OutboundUpdate {
  /** The update's frame type (`quotes.update`, ...). */
  readonly type: string;
  /** The topic, as the JSON text it has on the wire. */
  readonly topicJson: string;
  readonly seq: number;
  readonly data: unknown;
  /** The whole frame as JSON text (the spec's envelope), built at most once per update. */
  json(): string;
}

/**
 * How one socket's frames are encoded and framed, chosen when it opens (subprotocol, extensions,
 * transport). A codec's frame of an update is built once per update, whatever the number of
 * sockets using it: `slot` is its place in the update's cache of frames (`UpdateFrames`).
 */
export interface WireCodec {
  /** 0 is the default JSON text frame; each codec of the process has its own slot. */
  readonly slot: number;
  /** A short label for metrics and logs (`json`, ...). */
  readonly name: string;
  /** This codec's frame of an update. */
  update(update: OutboundUpdate): PreparedFrame;
  /** A frame addressed to one socket (an answer, an error, a snapshot item), from its JSON text. */
  text(json: string): PreparedFrame;
  /**
   * The value of an inbound binary frame, for codecs whose clients send binary frames; a codec
   * without it refuses them (BINARY_NOT_SUPPORTED). Throws on bytes that are not one value.
   */
  readonly decode?: (bytes: Buffer) => unknown;
}

/** Codec slots are small integers: an update's frames live in an array indexed by them. */
export const MAX_CODEC_SLOTS = 8;

/** The default: JSON text frames framed by the transport's encoder (slot 0 unless told). */
export function jsonCodec(
  encoder: FrameEncoder,
  slot = 0,
  name = "json",
): WireCodec {
  return {
    slot,
    name,
    update: (update) => encoder.prepareText(update.json()),
    text: (json) => encoder.prepareText(json),
  };
}

/**
 * An update's frames, one per codec, each built the first time a subscriber using that codec is
 * reached: an update nobody reads in MessagePack is never packed.
 */
export class UpdateFrames implements OutboundUpdate {
  readonly topicJson: string;
  readonly seq: number;
  private text: string | null = null;
  private readonly frames: (PreparedFrame | undefined)[] = [];

  constructor(
    readonly type: string,
    topic: { readonly topicJson: string; readonly seq: number },
    readonly data: unknown,
    private readonly serialize: (
      topicJson: string,
      seq: number,
      data: never,
    ) => string,
  ) {
    this.topicJson = topic.topicJson;
    this.seq = topic.seq;
  }

  json(): string {
    return (this.text ??= this.serialize(
      this.topicJson,
      this.seq,
      this.data as never,
    ));
  }

  for(codec: WireCodec): PreparedFrame {
    return (this.frames[codec.slot] ??= codec.update(this));
  }
}
