import type { ErrorBody, ErrorCode } from "@tradewire/client";
import type { FastifyError, FastifyInstance } from "fastify";
import { isDatabaseUnavailable } from "../db/unavailable";
import type { SpaFallback } from "./frontend-static";
import { describeValidation } from "./validation-errors";

/**
 * Seconds a client is asked to wait when the database cannot be reached: a restart or a failover
 * of PostgreSQL takes a few seconds, and the pool gives up on a connection after
 * `PG_CONNECT_TIMEOUT_MS`.
 */
export const DATABASE_RETRY_AFTER_S = 2;

/** An error a route throws to answer with a status and a stable code. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Extra response headers, e.g. `retry-after` on a 429. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/**
 * Every REST error leaves in one shape, `ErrorBody {code, message, field?}`: schema failures as
 * 400 INVALID_PARAMS naming the field, unknown routes as 404 NOT_FOUND, and anything unexpected as
 * a 500 INTERNAL_ERROR that does not leak its cause, except that a database that cannot be reached
 * answers 503 SERVICE_UNAVAILABLE with `Retry-After` (logged at warn without a stack: an outage
 * makes one per request). Client errors are logged at debug without a
 * stack (a flood of bad requests must not flood the log); server faults at error, with one.
 */
export function registerErrorHandlers(
  app: FastifyInstance,
  fallback: SpaFallback | null = null,
): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const refuse = (status: number, answer: ErrorBody) => {
      req.log.debug(
        { statusCode: status, code: answer.code, field: answer.field },
        answer.message,
      );
      return reply.code(status).send(answer);
    };
    if (error instanceof HttpError) {
      void reply.headers(error.headers);
      return refuse(
        error.statusCode,
        body(error.code, error.message, error.field),
      );
    }
    if (error.validation) {
      // "qty must be number" reads better beside a form field than Ajv's "body/qty must be number".
      const { field, message } = describeValidation(error);
      return refuse(400, body("INVALID_PARAMS", message, field));
    }
    if (
      error.statusCode !== undefined &&
      error.statusCode >= 400 &&
      error.statusCode < 500
    ) {
      return refuse(
        error.statusCode,
        body(
          error.statusCode === 404 ? "NOT_FOUND" : "INVALID_PARAMS",
          error.message,
        ),
      );
    }
    if (isDatabaseUnavailable(error)) {
      req.log.warn({ cause: error.message }, "database unavailable");
      void reply.header("retry-after", String(DATABASE_RETRY_AFTER_S));
      return reply
        .code(503)
        .send(
          body(
            "SERVICE_UNAVAILABLE",
            "the database cannot be reached right now; retry shortly",
          ),
        );
    }
    req.log.error({ err: error }, "request failed");
    return reply
      .code(500)
      .send(body("INTERNAL_ERROR", "the request could not be processed"));
  });
  app.setNotFoundHandler(
    (req, reply) =>
      fallback?.(req, reply) ??
      reply
        .code(404)
        .send(
          body(
            "NOT_FOUND",
            `no route ${req.method} ${req.url.split("?")[0] ?? ""}`,
          ),
        ),
  );
}

function body(code: ErrorCode, message: string, field?: string): ErrorBody {
  return field ? { code, message, field } : { code, message };
}
