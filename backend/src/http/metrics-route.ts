import type { FastifyInstance } from "fastify";
import type { Registry } from "prom-client";
import { REST_ROUTES } from "../generated/rest-routes";

/** Prometheus text exposition of the app's own registry. */
export function registerMetricsRoute(
  app: FastifyInstance,
  registry: Registry,
): void {
  app.route({
    ...REST_ROUTES.getMetrics,
    handler: async (_req, reply) =>
      reply
        .header("content-type", registry.contentType)
        .send(await registry.metrics()),
  });
}
