import type { ErrorCode } from "@tradewire/client";

export type RequestId = string | number;

export type InboundFrame =
  | {
      kind: "ping";
      id: RequestId | undefined;
      payload: Record<string, unknown>;
    }
  | {
      kind: "route";
      route: string;
      /** `subscribe`, `unsubscribe`, or one of the channel's actions. */
      action: string;
      id: RequestId | undefined;
      payload: unknown;
    }
  | {
      kind: "invalid";
      code: ErrorCode;
      message: string;
      type?: string;
      id?: RequestId;
    };

const ROUTE_TYPE = /^([a-z][a-z0-9-]*)\.([a-z][a-zA-Z0-9]*)$/;
const ENVELOPE_KEYS = new Set(["type", "id", "payload"]);

type Invalid = Extract<InboundFrame, { kind: "invalid" }>;

const invalid = (
  code: ErrorCode,
  message: string,
  type?: string,
  id?: RequestId,
): Invalid => ({ kind: "invalid", code, message, type, id });

/**
 * Classify one inbound text frame. Only the envelope is checked here (`{type, id?, payload}`);
 * the payload is validated against its channel's schema by the router.
 */
export function parseInbound(text: string): InboundFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid("INVALID_JSON", "the frame is not valid JSON");
  }
  return parseEnvelope(value);
}

/**
 * Classify one inbound binary frame with the socket's decoder (MessagePack): the same envelope
 * and checks as a text frame once decoded.
 */
export function parseBinary(
  data: Buffer | ArrayBuffer | Buffer[],
  decode: (bytes: Buffer) => unknown,
): InboundFrame {
  let value: unknown;
  try {
    value = decode(frameBytes(data));
  } catch {
    return invalid(
      "INVALID_MSGPACK",
      "the frame is not one valid MessagePack value",
    );
  }
  return parseEnvelope(value);
}

/** A decoded frame: an envelope object with a valid id and type, then classified. */
function parseEnvelope(value: unknown): InboundFrame {
  if (!isObject(value))
    return invalid(
      "INVALID_MESSAGE",
      "a frame is an object (JSON object or MessagePack map) {type, id?, payload}",
    );
  const frame = value;
  const type = typeof frame.type === "string" ? frame.type : undefined;
  const id = readId(frame.id);
  if (id === null)
    return invalid(
      "INVALID_MESSAGE",
      "id must be a string of at most 64 characters or an integer",
      type,
    );
  if (type === undefined)
    return invalid("INVALID_MESSAGE", "type must be a string", undefined, id);
  const extra = Object.keys(frame).find((k) => !ENVELOPE_KEYS.has(k));
  if (extra !== undefined)
    return invalid(
      "INVALID_MESSAGE",
      `unexpected envelope field ${JSON.stringify(extra)}`,
      type,
      id,
    );
  return classify(type, id, frame.payload);
}

/** A plain object: what an envelope and a payload are (not an array, a Date or a byte array). */
function isObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A well-formed envelope: a ping, a route's subscribe or unsubscribe, or an unknown type. */
function classify(
  type: string,
  id: RequestId | undefined,
  payload: unknown,
): InboundFrame {
  if (!isObject(payload))
    return invalid("INVALID_MESSAGE", "payload must be an object", type, id);
  if (type === "ping") return { kind: "ping", id, payload: payload };
  const match = ROUTE_TYPE.exec(type);
  if (!match)
    return invalid(
      "UNKNOWN_TYPE",
      `unknown message type ${JSON.stringify(type)}`,
      type,
      id,
    );
  return {
    kind: "route",
    route: match[1] as string,
    action: match[2] as string,
    id,
    payload,
  };
}

/** undefined: absent; null: present but not a valid id. */
function readId(id: unknown): RequestId | undefined | null {
  if (id === undefined) return undefined;
  if (typeof id === "string") return id.length <= 64 ? id : null;
  if (typeof id === "number") return Number.isSafeInteger(id) ? id : null;
  return null;
}

/** The bytes of a frame as `ws` hands it over (one buffer, fragments, or an ArrayBuffer). */
function frameBytes(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** The text of a frame as `ws` hands it over. */
export function frameText(data: Buffer | ArrayBuffer | Buffer[]): string {
  return frameBytes(data).toString("utf8");
}
