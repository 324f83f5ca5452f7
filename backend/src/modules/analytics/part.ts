import type { FastifyInstance } from "fastify";
import type { RouteHandler } from "../../ws";

/** One half of the analytics module (indicators, alerts): its routes, routers and lifecycle. */
export interface AnalyticsPart {
  registerRoutes(app: FastifyInstance): void | Promise<void>;
  wsRouters(): RouteHandler[];
  start(): Promise<void>;
  stop(): Promise<void>;
}
