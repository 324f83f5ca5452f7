import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
} from "@opentelemetry/api";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { tracer } from "../telemetry/tracer";

declare module "fastify" {
  interface FastifyRequest {
    /** The request's server span (a no-op one when tracing is off). */
    span: Span | null;
  }
}

/**
 * One SERVER span per request, named by route template (never the raw URL), child of the
 * caller's `traceparent` when it sends one, ended when the answer is sent or the client aborts.
 */
export function registerRequestSpans(app: FastifyInstance): void {
  app.decorateRequest("span", null);
  app.addHook("onRequest", (req, _reply, done) => {
    const route = req.routeOptions.url;
    req.span = tracer.startSpan(
      `${req.method} ${route ?? "(no route)"}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          "http.request.method": req.method,
          ...(route !== undefined ? { "http.route": route } : {}),
          "tradewire.request_id": req.id,
        },
      },
      propagation.extract(context.active(), req.headers),
    );
    done();
  });
  app.addHook("onResponse", (req, reply, done) => {
    const span = req.span;
    if (span) {
      span.setAttribute("http.response.status_code", reply.statusCode);
      if (reply.statusCode >= 500)
        span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
  app.addHook("onRequestAbort", (req, done) => {
    req.span?.end();
    done();
  });
}

/** Run a handler with the request's span active, so the spans it starts are its children. */
export function inRequestSpan<T>(req: FastifyRequest, run: () => T): T {
  return req.span
    ? context.with(trace.setSpan(context.active(), req.span), run)
    : run();
}
