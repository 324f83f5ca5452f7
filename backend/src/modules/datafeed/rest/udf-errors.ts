import type { components, ErrorCode } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";

/** Why a datafeed request is refused: the HTTP status, the stable code, and the field at fault. */
export interface Refusal<Status extends 400 | 404 = 400 | 404> {
  readonly status: Status;
  readonly code: ErrorCode;
  readonly message: string;
  readonly field?: string;
}

/**
 * A UDF error answer: `{s: "error", errmsg, code, field?}` with an HTTP 4xx, as the Charting
 * Library reads it; a route handler returns it as its reply. Logged at debug: a flood of bad
 * requests must not flood the log.
 */
export function udfError<Status extends 400 | 404>(
  log: FastifyBaseLogger,
  refusal: Refusal<Status>,
): { status: Status; body: components["schemas"]["UdfError"] } {
  const { status, code, message, field } = refusal;
  log.debug({ statusCode: status, code, field }, message);
  return {
    status,
    body: field
      ? { s: "error", errmsg: message, code, field }
      : { s: "error", errmsg: message, code },
  };
}
