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
  const envelope = readEnvelope(text);
  if (envelope.kind === "invalid") return envelope;
  const frame = envelope.fields;
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

/** The frame as a JSON object, or why it is not one. */
function readEnvelope(
  text: string,
): Invalid | { kind: "object"; fields: Record<string, unknown> } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid("INVALID_JSON", "the frame is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return invalid(
      "INVALID_MESSAGE",
      "a frame is a JSON object {type, id?, payload}",
    );
  return { kind: "object", fields: value as Record<string, unknown> };
}

/** A well-formed envelope: a ping, a route's subscribe or unsubscribe, or an unknown type. */
function classify(
  type: string,
  id: RequestId | undefined,
  payload: unknown,
): InboundFrame {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    return invalid(
      "INVALID_MESSAGE",
      "payload must be a JSON object",
      type,
      id,
    );
  if (type === "ping")
    return { kind: "ping", id, payload: payload as Record<string, unknown> };
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

/** The text of a frame as `ws` hands it over (one buffer, fragments, or an ArrayBuffer). */
export function frameText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data).toString("utf8");
}
