import type { FastifyInstance } from "fastify";
import {
  ASYNCAPI_DOCUMENT,
  OPENAPI_DOCUMENT,
} from "../generated/spec-documents";
import { restRoute } from "./rest-route";

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
  restRoute(app, "getHealth", () => {
    const h = health();
    return {
      status: h.status === "ok" ? 200 : 503,
      body: {
        status: h.status,
        version: h.version,
        uptimeSeconds: Math.round((Date.now() - h.startedAt) / 1000),
      },
    };
  });
  restRoute(app, "getAsyncApiSpec", () => ({
    status: 200,
    body: ASYNCAPI_DOCUMENT,
  }));
  restRoute(app, "getOpenApiSpec", () => ({
    status: 200,
    body: OPENAPI_DOCUMENT,
  }));
}
