import type { FastifyInstance } from "fastify";
import {
  ASYNCAPI_DOCUMENT,
  OPENAPI_DOCUMENT,
} from "../generated/spec-documents";
import type { Readiness } from "./readiness";
import { restRoute } from "./rest-route";

export interface HealthState {
  /** `degraded`: serving, but the bus to the other instances is cut off (see /metrics). */
  status: "ok" | "degraded" | "starting" | "stopping";
  version: string;
  startedAt: number;
}

/** /health, the orchestrators' /health/live and /health/ready, and the specs the server was generated from. */
export function registerMetaRoutes(
  app: FastifyInstance,
  health: () => HealthState,
  readiness: () => Promise<Readiness>,
): void {
  restRoute(app, "getHealth", () => {
    const h = health();
    return {
      // Degraded still serves (REST and sockets from this instance's database); readiness says
      // whether a load balancer should send it traffic.
      status: h.status === "ok" || h.status === "degraded" ? 200 : 503,
      body: {
        status: h.status,
        version: h.version,
        uptimeSeconds: Math.round((Date.now() - h.startedAt) / 1000),
      },
    };
  });
  restRoute(app, "getHealthLive", () => ({
    status: 200,
    body: { status: "alive" },
  }));
  restRoute(app, "getHealthReady", async () => {
    const body = await readiness();
    return { status: body.status === "ready" ? 200 : 503, body };
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
