import {
  jsonCodec,
  msgpackCodec,
  type FrameEncoder,
  type WireCodec,
} from "../ws";

/** The WebSocket subprotocols this server speaks: `tradewire.<version>.<encoding>`. */
export const WS_PROTOCOLS = {
  json: "tradewire.v1.json",
  msgpack: "tradewire.v1.msgpack",
} as const;

export const SUPPORTED_PROTOCOLS: readonly string[] = [
  WS_PROTOCOLS.msgpack,
  WS_PROTOCOLS.json,
];

/** The protocols a `Sec-WebSocket-Protocol` header offers, in the client's order. */
export function offeredProtocols(header: string | string[] | undefined) {
  const joined = Array.isArray(header) ? header.join(",") : (header ?? "");
  return joined
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/**
 * The protocol to accept: the client's first supported one; null when it offered none (v1 JSON,
 * as before subprotocols); undefined when it offered only protocols this server does not speak.
 */
export function chooseProtocol(
  offered: Iterable<string>,
): string | null | undefined {
  let any = false;
  for (const protocol of offered) {
    any = true;
    if (SUPPORTED_PROTOCOLS.includes(protocol)) return protocol;
  }
  return any ? undefined : null;
}

/** The body of the 400 that refuses an upgrade offering no supported protocol. */
export function unsupportedProtocolBody(offered: readonly string[]) {
  return {
    code: "UNSUPPORTED_PROTOCOL",
    message: `none of the offered subprotocols (${offered.join(", ")}) is supported; supported: ${SUPPORTED_PROTOCOLS.join(", ")} (or none, for ${WS_PROTOCOLS.json})`,
  } as const;
}

/** The codecs of a process: one slot each, so an update is encoded once per codec in use. */
export interface SocketCodecs {
  readonly json: WireCodec;
  readonly msgpack: WireCodec;
  readonly jsonDeflate: WireCodec;
  readonly msgpackDeflate: WireCodec;
}

export function socketCodecs(
  plain: FrameEncoder,
  deflate: FrameEncoder,
): SocketCodecs {
  return {
    json: jsonCodec(plain),
    msgpack: msgpackCodec(plain),
    jsonDeflate: jsonCodec(deflate, 2, "json+deflate"),
    msgpackDeflate: msgpackCodec(deflate, 3, "msgpack+deflate"),
  };
}

/** A socket's codec from the subprotocol it accepted and whether it negotiated deflate. */
export function codecFor(
  codecs: SocketCodecs,
  protocol: string,
  deflated: boolean,
): WireCodec {
  if (protocol === WS_PROTOCOLS.msgpack)
    return deflated ? codecs.msgpackDeflate : codecs.msgpack;
  return deflated ? codecs.jsonDeflate : codecs.json;
}
