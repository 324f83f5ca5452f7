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
      action: "subscribe" | "unsubscribe";
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

const ROUTE_TYPE = /^([a-z][a-z0-9-]*)\.(subscribe|unsubscribe)$/;
const ENVELOPE_KEYS = new Set(["type", "id", "payload"]);

/**
 * Classify one inbound text frame. Only the envelope is checked here (`{type, id?, payload}`);
 * the payload is validated against its channel's schema by the router.
 */
export function parseInbound(text: string): InboundFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      kind: "invalid",
      code: "INVALID_JSON",
      message: "the frame is not valid JSON",
    };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      kind: "invalid",
      code: "INVALID_MESSAGE",
      message: "a frame is a JSON object {type, id?, payload}",
    };
  }
  const frame = value as Record<string, unknown>;
  const type = typeof frame.type === "string" ? frame.type : undefined;
  const id = readId(frame.id);
  if (id === null) {
    return {
      kind: "invalid",
      code: "INVALID_MESSAGE",
      message: "id must be a string of at most 64 characters or an integer",
      type,
    };
  }
  if (type === undefined)
    return {
      kind: "invalid",
      code: "INVALID_MESSAGE",
      message: "type must be a string",
      id,
    };
  const extra = Object.keys(frame).find((k) => !ENVELOPE_KEYS.has(k));
  if (extra !== undefined) {
    return {
      kind: "invalid",
      code: "INVALID_MESSAGE",
      message: `unexpected envelope field ${JSON.stringify(extra)}`,
      type,
      id,
    };
  }
  const payload = frame.payload;
  if (
    typeof payload !== "object" ||
    payload === null ||
    Array.isArray(payload)
  ) {
    return {
      kind: "invalid",
      code: "INVALID_MESSAGE",
      message: "payload must be a JSON object",
      type,
      id,
    };
  }
  if (type === "ping")
    return { kind: "ping", id, payload: payload as Record<string, unknown> };
  const match = ROUTE_TYPE.exec(type);
  if (!match)
    return {
      kind: "invalid",
      code: "UNKNOWN_TYPE",
      message: `unknown message type ${JSON.stringify(type)}`,
      type,
      id,
    };
  return {
    kind: "route",
    route: match[1] as string,
    action: match[2] as "subscribe" | "unsubscribe",
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
