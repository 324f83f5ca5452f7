import type { FastifyInstance } from "fastify";
import {
  ASYNCAPI_DOCUMENT,
  OPENAPI_DOCUMENT,
} from "../generated/spec-documents";
import { REST_ROUTES } from "../generated/rest-routes";

export interface HealthState {
  status: "ok" | "starting" | "stopping";
  version: string;
  startedAt: number;
}

/** /health and the specs the server was generated from. */
export function registerMetaRoutes(
  app: FastifyInstance,
  health: () => HealthState,
): void {
  app.route({
    ...REST_ROUTES.getHealth,
    handler: (_req, reply) => {
      const h = health();
      return reply.code(h.status === "ok" ? 200 : 503).send({
        status: h.status,
        version: h.version,
        uptimeSeconds: Math.round((Date.now() - h.startedAt) / 1000),
      });
    },
  });
  app.route({
    ...REST_ROUTES.getAsyncApiSpec,
    handler: () => Promise.resolve(ASYNCAPI_DOCUMENT),
  });
  app.route({
    ...REST_ROUTES.getOpenApiSpec,
    handler: () => Promise.resolve(OPENAPI_DOCUMENT),
  });
}
