import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Registry } from "prom-client";
import { Counter, Gauge, Histogram } from "prom-client";

/** The route label of a request no route matched (404s, the terminal's deep links). */
export const UNMATCHED_ROUTE = "unmatched";

/** The methods Fastify routes; anything else is labelled "OTHER" so a scanner adds no series. */
const KNOWN_METHODS = new Set([
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
]);

const METRICS_ROUTE = "/metrics";

/**
 * Prometheus metrics of the REST side, labelled by route template (`/api/v1/broker/orders/:orderId`)
 * and never by raw URL, so the number of series is bounded by the routes the app declares.
 * A WebSocket handshake is counted only when refused with an HTTP answer (403 for a foreign origin):
 * an accepted one has no HTTP answer, its socket is counted by the `tradewire_ws_*` metrics.
 * `/metrics` counts its own requests and time (the scrape rate and cost are worth seeing) but not
 * in the in-flight gauge, so an idle server reads 0 there rather than the scrape reading itself.
 */
export function registerHttpMetrics(
  app: FastifyInstance,
  registry: Registry,
): void {
  const requests = new Counter({
    name: "tradewire_http_requests_total",
    help: 'REST requests answered, by route template ("unmatched" for no route), method and status.',
    labelNames: ["route", "method", "status"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "tradewire_http_request_duration_seconds",
    help: "Time from a request's arrival to its answer being sent, by route template and method.",
    labelNames: ["route", "method"],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: "tradewire_http_requests_in_flight",
    help: "REST requests received and not yet answered or aborted (the scrape of /metrics excluded).",
    registers: [registry],
  });

  app.addHook("onRequest", (request, reply, done) => {
    if (
      !isUpgrade(request) &&
      routeOf(request) !== METRICS_ROUTE &&
      routeOf(request) !== EVENT_STREAM_ROUTE
    ) {
      inFlight.inc();
      // 'close' fires once whether the answer was sent or the client went away first.
      reply.raw.once("close", () => inFlight.dec());
    }
    done();
  });
  app.addHook("onResponse", (request, reply, done) => {
    const route = routeOf(request);
    const method = KNOWN_METHODS.has(request.method) ? request.method : "OTHER";
    requests.inc({ route, method, status: String(reply.statusCode) });
    duration.observe({ route, method }, reply.elapsedTime / 1000);
    done();
  });
}

/**
 * The fallback transport's event stream (adapters/sse.ts): like a socket it lives as long as the
 * connection and is counted in tradewire_ws_sockets, not as a request in flight.
 */
const EVENT_STREAM_ROUTE = "/api/v1/sse";

function routeOf(request: FastifyRequest): string {
  // The 404 handler answers for any path: the raw URL never becomes a label.
  if (request.is404) return UNMATCHED_ROUTE;
  return request.routeOptions.url ?? UNMATCHED_ROUTE;
}

/**
 * A WebSocket handshake: its raw response lives as long as the socket, so it is no request in
 * flight (its 'close' would come when the socket closes).
 */
function isUpgrade(request: FastifyRequest): boolean {
  return request.raw.headers.upgrade?.toLowerCase() === "websocket";
}
