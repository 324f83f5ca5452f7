import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { JwtAuth } from "../auth/jwt";
import type { SessionGuard } from "../auth/sessions";
import type { Bus } from "../bus/bus";
import type { Clock } from "../clock";
import type { Config } from "../config";
import type { Database } from "../db/database";
import type { RouteHandler } from "../ws";

/**
 * What a module receives from the app factory. Modules never import each other: what one needs of
 * another arrives through `services` (filled in module order) or the bus.
 */
export interface ModuleContext {
  readonly config: Config;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  readonly bus: Bus;
  readonly auth: JwtAuth;
  /** Null only in tests that run modules without persistence. */
  readonly database: Database | null;
  readonly services: ReadonlyMap<string, unknown>;
}

/** A feature module: its service, its REST routes, its WebSocket routers and its lifecycle. */
export interface TradewireModule {
  readonly name: string;
  readonly service: unknown;
  registerRoutes(app: FastifyInstance): void | Promise<void>;
  wsRouters(): RouteHandler[];
  /** Checks the socket layer runs against open authenticated sockets (see auth/sessions.ts). */
  readonly sessionGuard?: SessionGuard;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export type ModuleFactory = (context: ModuleContext) => TradewireModule;
