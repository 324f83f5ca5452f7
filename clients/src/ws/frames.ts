import {
  CHANNELS,
  ROUTES,
  type ChannelMap,
  type Route,
} from "../generated/channels.js";
import { decodeValue, encodeValue } from "./encoding.js";
import type {
  ActionResponse,
  ErrorBody,
  PongResponse,
  SubscriptionResponse,
} from "../generated/models.js";

export type RequestId = string | number;

export type InboundFrame =
  | {
      kind: "subscribeResponse" | "unsubscribeResponse";
      route: Route;
      id: RequestId | undefined;
      response: SubscriptionResponse;
    }
  | {
      kind: "update";
      route: Route;
      topic: string;
      seq: number;
      data: ChannelMap[Route]["data"];
    }
  | {
      kind: "actionResponse";
      id: RequestId | undefined;
      response: ActionResponse;
    }
  | { kind: "pong"; id: RequestId | undefined; pong: PongResponse }
  | { kind: "error"; id: RequestId | undefined; error: ErrorBody };

export interface OutboundFrame {
  readonly type: string;
  readonly id: number;
  readonly payload: object;
}

type RouteFrameKind = "subscribeResponse" | "unsubscribeResponse" | "update";

// Frame types come from the generated descriptors, so a route added to the spec is routed here
// without a change.
const ROUTE_FRAMES = new Map<string, { route: Route; kind: RouteFrameKind }>(
  ROUTES.flatMap((route) => {
    const { types } = CHANNELS[route];
    return [
      [types.subscribeResponse, { route, kind: "subscribeResponse" }],
      [types.unsubscribeResponse, { route, kind: "unsubscribeResponse" }],
      [types.update, { route, kind: "update" }],
    ] as const;
  }),
);

// Answers to channel actions (`jobs.cancel.response`), from the same descriptors.
const ACTION_RESPONSES = new Set<string>(
  ROUTES.flatMap((route) =>
    Object.values<{ response: string }>(CHANNELS[route].actions).map(
      (a) => a.response,
    ),
  ),
);

/**
 * Reads one server frame. Only what routing depends on is checked; payloads are trusted to
 * follow the contract, which the server validates on its side. Anything unreadable is undefined
 * and ignored: one bad frame must not take the connection down.
 */
export function parseFrame(data: unknown): InboundFrame | undefined {
  let frame: unknown;
  try {
    frame = decodeValue(data);
  } catch {
    return undefined;
  }
  if (!isRecord(frame) || typeof frame.type !== "string") return undefined;
  const { type, payload } = frame;
  const id = isRequestId(frame.id) ? frame.id : undefined;
  if (!isRecord(payload)) return undefined;

  if (type === "pong") {
    const { t, serverTime } = payload;
    if (typeof t !== "number" || typeof serverTime !== "number")
      return undefined;
    const { instance } = payload;
    return typeof instance === "string"
      ? { kind: "pong", id, pong: { t, serverTime, instance } }
      : { kind: "pong", id, pong: { t, serverTime } };
  }
  if (type === "error") {
    if (typeof payload.code !== "string") return undefined;
    return { kind: "error", id, error: payload as unknown as ErrorBody };
  }
  if (ACTION_RESPONSES.has(type)) {
    if (payload.status !== "ok" && payload.status !== "error") return undefined;
    return {
      kind: "actionResponse",
      id,
      response: payload as unknown as ActionResponse,
    };
  }
  const routed = ROUTE_FRAMES.get(type);
  if (!routed) return undefined;
  if (routed.kind === "update") {
    const { topic, seq, payload: data } = payload;
    if (typeof topic !== "string" || typeof seq !== "number") return undefined;
    if (!isRecord(data)) return undefined;
    return {
      kind: "update",
      route: routed.route,
      topic,
      seq,
      data: data as unknown as ChannelMap[Route]["data"],
    };
  }
  const { status, topic } = payload;
  if ((status !== "ok" && status !== "error") || typeof topic !== "string") {
    return undefined;
  }
  return {
    kind: routed.kind,
    route: routed.route,
    id,
    response: payload as unknown as SubscriptionResponse,
  };
}

export function encodeFrame(
  frame: OutboundFrame,
  encoding: "json" | "msgpack" = "json",
): string | Uint8Array {
  return encodeValue(frame, encoding);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isRequestId(value: unknown): value is RequestId {
  return typeof value === "string" || typeof value === "number";
}
