import { Packr, Unpackr } from "msgpackr";

/**
 * How frames are encoded on the wire, negotiated with the WebSocket subprotocol:
 * `json` (text frames), `msgpack` (binary MessagePack frames, smaller and cheaper to parse), or
 * `auto`: MessagePack when the server speaks it, else JSON.
 */
export type WireEncoding = "json" | "msgpack" | "auto";

export const WS_PROTOCOLS = {
  json: "tradewire.v1.json",
  msgpack: "tradewire.v1.msgpack",
} as const;

/** The subprotocols to offer for an encoding, best first; the server accepts the first it speaks. */
export function offeredProtocols(encoding: WireEncoding): string[] {
  if (encoding === "json") return [WS_PROTOCOLS.json];
  if (encoding === "msgpack") return [WS_PROTOCOLS.msgpack];
  return [WS_PROTOCOLS.msgpack, WS_PROTOCOLS.json];
}

/** The encoding a socket ended up with, from the subprotocol the server accepted. */
export function acceptedEncoding(
  protocol: string | undefined,
): "json" | "msgpack" {
  return protocol === WS_PROTOCOLS.msgpack ? "msgpack" : "json";
}

/**
 * Plain MessagePack any client library reads, on both sides of the wire: string-keyed maps (no
 * msgpackr records), float64 for non-integers, and undefined fields left out as JSON.stringify
 * leaves them out.
 */
export const MSGPACK_PACK_OPTIONS = {
  useRecords: false,
  moreTypes: false,
  skipValues: [undefined],
} as ConstructorParameters<typeof Packr>[0];

export const MSGPACK_UNPACK_OPTIONS: ConstructorParameters<typeof Unpackr>[0] =
  { useRecords: false, mapsAsObjects: true, int64AsType: "number" };

const packr = new Packr(MSGPACK_PACK_OPTIONS);
const unpackr = new Unpackr(MSGPACK_UNPACK_OPTIONS);

/** One outgoing frame in the socket's encoding. */
export function encodeValue(
  value: object,
  encoding: "json" | "msgpack",
): string | Uint8Array {
  if (encoding === "json") return JSON.stringify(value);
  // packr reuses its output buffer, and a socket may keep the bytes until they are sent.
  return new Uint8Array(packr.pack(value));
}

/**
 * The value of one incoming frame: JSON text, or MessagePack bytes (an ArrayBuffer in browsers
 * and with binaryType "arraybuffer", a Buffer from `ws` otherwise). Throws on unreadable data.
 */
export function decodeValue(data: unknown): unknown {
  if (typeof data === "string") return JSON.parse(data);
  if (data instanceof ArrayBuffer) return unpackr.unpack(new Uint8Array(data));
  if (data instanceof Uint8Array) return unpackr.unpack(data);
  throw new TypeError("a frame is text or binary");
}
