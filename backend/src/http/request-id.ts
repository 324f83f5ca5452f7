import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyInstance } from "fastify";

export const REQUEST_ID_HEADER = "x-request-id";

/** An id a caller or a proxy may choose: short, and safe to echo into headers and log lines. */
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify's `genReqId`: the caller's `X-Request-Id` when it is sane (so a proxy's or a client's
 * id follows the request into our logs), else a fresh UUID. Anything else is replaced, never
 * trimmed: a log line must not carry what the caller smuggled in.
 */
export function requestIdOf(req: IncomingMessage): string {
  const offered = req.headers[REQUEST_ID_HEADER];
  return typeof offered === "string" && ACCEPTED_ID.test(offered)
    ? offered
    : randomUUID();
}

/**
 * Echo the id as `X-Request-Id` on every answer, and stamp it as `requestId` on every error body:
 * top-level ones (`ErrorBody`, `UdfError`) and the `error` of a refused order, whichever code path
 * answered (a handler's declared reply, the error handler, the 404 handler, the socket's upgrade).
 */
export function registerRequestIds(app: FastifyInstance): void {
  app.addHook("onRequest", (req, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, req.id);
    done();
  });
  app.addHook("preSerialization", (req, reply, payload, done) => {
    done(
      null,
      reply.statusCode >= 400 ? withRequestId(payload, req.id) : payload,
    );
  });
}

function withRequestId(payload: unknown, requestId: string): unknown {
  if (!isRecord(payload)) return payload;
  if (typeof payload.code === "string") return { ...payload, requestId };
  if (isRecord(payload.error) && typeof payload.error.code === "string")
    return { ...payload, error: { ...payload.error, requestId } };
  return payload;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
