import type { ErrorCode } from "@tradewire/client";

export type RequestId = string | number | undefined;

/** `<route>.subscribe.response` / `.unsubscribe.response`: ok, or an error with its code. */
export function subscriptionReply(
  type: string,
  id: RequestId,
  topic: string,
  code?: ErrorCode,
  message?: string,
): string {
  const payload =
    code === undefined
      ? { status: "ok", topic }
      : { status: "error", topic, code, message };
  return JSON.stringify(
    id === undefined ? { type, payload } : { type, id, payload },
  );
}

/** An `error` frame: a frame that could not be tied to a route, or a replay that had to stop. */
export function errorReply(
  code: ErrorCode,
  message: string,
  requestType?: string,
  id?: RequestId,
): string {
  const payload =
    requestType === undefined
      ? { code, message }
      : { code, message, requestType };
  return JSON.stringify(
    id === undefined
      ? { type: "error", payload }
      : { type: "error", id, payload },
  );
}

/** The app-level `pong`: the client's `t` and the server clock. */
export function pongReply(
  t: number,
  serverTime: number,
  id?: RequestId,
): string {
  const payload = { t, serverTime };
  return JSON.stringify(
    id === undefined
      ? { type: "pong", payload }
      : { type: "pong", id, payload },
  );
}
