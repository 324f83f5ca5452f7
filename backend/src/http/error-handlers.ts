import type { ErrorBody, ErrorCode } from "@tradewire/client";
import type { FastifyError, FastifyInstance } from "fastify";
import type { SpaFallback } from "./frontend-static";

/** An error a route throws to answer with a status and a stable code. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/**
 * Every REST error leaves in one shape, `ErrorBody {code, message, field?}`: schema failures as
 * 400 INVALID_PARAMS naming the field, unknown routes as 404 NOT_FOUND, and anything unexpected as
 * a logged 500 INTERNAL_ERROR that does not leak its cause.
 */
export function registerErrorHandlers(
  app: FastifyInstance,
  fallback: SpaFallback | null = null,
): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof HttpError) {
      return reply
        .code(error.statusCode)
        .send(body(error.code, error.message, error.field));
    }
    if (error.validation) {
      const first = error.validation[0];
      const field = first?.instancePath
        ? first.instancePath.replace(/^\//, "").replace(/\//g, ".")
        : (first?.params as { missingProperty?: string } | undefined)
            ?.missingProperty;
      // "qty must be > 0" reads better beside a form field than Ajv's "body/qty must be > 0".
      const message =
        field && first?.message ? `${field} ${first.message}` : error.message;
      return reply.code(400).send(body("INVALID_PARAMS", message, field));
    }
    if (
      error.statusCode !== undefined &&
      error.statusCode >= 400 &&
      error.statusCode < 500
    ) {
      return reply
        .code(error.statusCode)
        .send(
          body(
            error.statusCode === 404 ? "NOT_FOUND" : "INVALID_PARAMS",
            error.message,
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
