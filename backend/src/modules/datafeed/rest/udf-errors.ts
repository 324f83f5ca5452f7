import type { ErrorCode } from "@tradewire/client";
import type { FastifyReply } from "fastify";

/** Why a datafeed request is refused: the HTTP status, the stable code, and the field at fault. */
export interface Refusal {
  readonly status: number;
  readonly code: ErrorCode;
  readonly message: string;
  readonly field?: string;
}

/**
 * A UDF error answer: `{s: "error", errmsg, code, field?}` with an HTTP 4xx, as the Charting
 * Library reads it. Returns the reply for a route handler to return, as Fastify asks after a
 * `send`; never await it elsewhere: a reply is thenable, and awaiting it waits for the response
 * to finish and yields undefined (which once made every refused /history log a TypeError).
 */
export function udfError(reply: FastifyReply, refusal: Refusal): FastifyReply {
  const { status, code, message, field } = refusal;
  reply.log.debug({ statusCode: status, code, field }, message);
  return reply
    .code(status)
    .send(
      field
        ? { s: "error", errmsg: message, code, field }
        : { s: "error", errmsg: message, code },
    );
}
