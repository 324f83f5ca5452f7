import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { Registry } from "prom-client";
import type { JwtAuth } from "../auth/jwt";
import type { SessionGuard } from "../auth/sessions";
import type { Bus } from "../bus/bus";
import type { ClusterRole } from "../cluster/role";
import type { Clock } from "../clock";
import type { Config } from "../config";
import type { Database } from "../db/database";
import type { RouteHandler } from "../ws";

/**
 * What every module receives from the app factory. What one module needs of another is not here:
 * it is a typed argument of the module's function (see `ModuleComposition`).
 */
export interface ModuleContext {
  readonly config: Config;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  readonly bus: Bus;
  /** Leader or follower (see cluster/role.ts); a lone instance is always the leader. */
  readonly role: ClusterRole;
  readonly auth: JwtAuth;
  /** Null only in tests that run modules without persistence. */
  readonly database: Database | null;
  /** The app's Prometheus registry (served at /metrics); module metrics are named `tradewire_<module>_*`. */
  readonly registry: Registry;
}

/** A feature module: its service, its REST routes, its WebSocket routers and its lifecycle. */
export interface TradewireModule<Service = unknown> {
  readonly name: string;
  /** What other modules may be given of this one (the broker gets the datafeed's MarketData). */
  readonly service: Service;
  registerRoutes(app: FastifyInstance): void | Promise<void>;
  wsRouters(): RouteHandler[];
  /** Checks the socket layer runs against open authenticated sockets (see auth/sessions.ts). */
  readonly sessionGuard?: SessionGuard;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Builds the enabled modules from the app's context. A module that needs another takes that
 * one's service as an argument, so a missing dependency or a wrong order does not compile:
 *
 *   (ctx) => {
 *     const datafeed = datafeedModule(ctx);
 *     const auth = authModule(ctx);
 *     return [datafeed, auth, brokerModule(ctx, { market: datafeed.service, accounts: auth.service })];
 *   }
 *
 * The app registers and starts the modules in the order returned and stops them in reverse.
 */
export type ModuleComposition = (
  context: ModuleContext,
) => readonly TradewireModule[];
