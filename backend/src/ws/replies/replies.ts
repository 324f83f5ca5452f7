import type { ErrorCode } from "@tradewire/client";

/** What a channel action answers (`<route>.<action>.response`): ok, or an error with its code. */
export type ActionOutcome =
  | { readonly status: "ok" }
  | {
      readonly status: "error";
      readonly code: ErrorCode;
      readonly message: string;
    };

export type RequestId = string | number | undefined;

/**
 * The reply envelope `{type, id?, payload}`: every answer, error and pong the server writes to one
 * socket is built here, so the shape the spec gives them is written once. `id` echoes the request's
 * and is left out when the request had none; so is any payload field left undefined (JSON drops it).
 * Errors carry the socket's `requestId` (its upgrade request's id), the key to its log lines.
 */
export function replyFrame(
  type: string,
  id: RequestId,
  payload: object,
): string {
  return JSON.stringify(
    id === undefined ? { type, payload } : { type, id, payload },
  );
}

/** `<route>.subscribe.response` / `.unsubscribe.response`: ok, or an error with its code. */
export function subscriptionReply(
  type: string,
  id: RequestId,
  topic: string,
  code?: ErrorCode,
  message?: string,
  requestId?: string,
): string {
  return replyFrame(
    type,
    id,
    code === undefined
      ? { status: "ok", topic }
      : { status: "error", topic, code, message, requestId },
  );
}

/** `<route>.<action>.response`: the action's outcome. */
export function actionReply(
  type: string,
  id: RequestId,
  outcome: ActionOutcome,
): string {
  return replyFrame(type, id, outcome);
}

/** An `error` frame: a frame that could not be tied to a route, or a replay that had to stop. */
export function errorReply(
  code: ErrorCode,
  message: string,
  requestType?: string,
  id?: RequestId,
  requestId?: string,
): string {
  return replyFrame("error", id, { code, message, requestType, requestId });
}

/** The app-level `pong`: the client's `t`, the server clock and, when known, which instance answered. */
export function pongReply(
  t: number,
  serverTime: number,
  id?: RequestId,
  instance?: string,
): string {
  return replyFrame("pong", id, { t, serverTime, instance });
}
