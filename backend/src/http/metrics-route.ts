import type { FastifyInstance } from "fastify";
import type { Registry } from "prom-client";
import { restRoute } from "./rest-route";

/** Prometheus text exposition of the app's own registry. */
export function registerMetricsRoute(
  app: FastifyInstance,
  registry: Registry,
): void {
  // The content type carries the exposition format's version, which Prometheus reads.
  restRoute(app, "getMetrics", async () => ({
    status: 200,
    body: await registry.metrics(),
    headers: { "content-type": registry.contentType },
  }));
}
