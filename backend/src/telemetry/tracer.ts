import {
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from "@opentelemetry/api";

/**
 * The server's OpenTelemetry tracer. Without a registered provider (no `OTEL_*` variable set,
 * see start-tracing.ts) it is the API's no-op tracer: spans cost an object and record nothing.
 * It is a proxy, so a provider registered after this module loaded is still used.
 */
export const tracer = trace.getTracer("tradewire");

/**
 * Run `work` in a span that is active for everything it awaits (child spans, the account lock's
 * turn), ended when it settles; a failure marks it as an error.
 */
export function inSpan<T>(
  name: string,
  attributes: Attributes,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (err) {
      span.recordException(err instanceof Error ? err : String(err));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw err;
    } finally {
      span.end();
    }
  });
}

/**
 * Publish under a PRODUCER span when a traced flow is running (a request's), so the update shows
 * at the end of its trace; updates of untraced flows (a fill on a market quote) make no span.
 */
export function publishing(
  name: string,
  attributes: () => Attributes,
  publish: () => void,
): void {
  // Attributes are built only for a span: an untraced update costs one context lookup.
  if (!trace.getActiveSpan()) return publish();
  const span = tracer.startSpan(name, {
    kind: SpanKind.PRODUCER,
    attributes: attributes(),
  });
  try {
    publish();
  } finally {
    span.end();
  }
}
