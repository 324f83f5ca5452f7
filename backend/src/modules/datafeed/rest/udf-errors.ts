import type { ErrorCode } from "@tradewire/client";
import type { FastifyReply } from "fastify";

/** A UDF error answer: `{s: "error", errmsg, code}` with an HTTP 4xx, as the Charting Library reads it. */
export function udfError(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  errmsg: string,
): FastifyReply {
  return reply.code(status).send({ s: "error", errmsg, code });
}
