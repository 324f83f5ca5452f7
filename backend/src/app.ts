import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
} from "fastify";
import { collectDefaultMetrics, Registry } from "prom-client";
import { REST_SCHEMAS } from "@tradewire/client/rest-schemas";
import { mountWebSocket } from "./adapters/fastify-ws";
import { mountSse } from "./adapters/sse";
import { JwtAuth } from "./auth/jwt";
import { redactToken } from "./auth/request-token";
import { loadJwtSecret } from "./auth/secret";
import { endedBy, SESSIONS_CHANNEL, type SessionEnded } from "./auth/sessions";
import type { Bus } from "./bus/bus";
import { InProcessBus } from "./bus/in-process-bus";
import { soloRole, type ClusterRole } from "./cluster/role";
import { systemClock, type Clock } from "./clock";
import type { Config } from "./config";
import type { Database } from "./db/database";
import { registerDocsRoutes } from "./http/docs/docs-routes";
import { registerErrorHandlers } from "./http/error-handlers";
import { serveFrontend } from "./http/frontend-static";
import { registerHttpMetrics } from "./http/http-metrics";
import { registerInstanceHeader } from "./http/instance-header";
import { registerMetaRoutes, type HealthState } from "./http/meta-routes";
import { registerMetricsRoute } from "./http/metrics-route";
import { ReadinessProbe } from "./http/readiness";
import { registerRequestIds, requestIdOf } from "./http/request-id";
import { registerRequestSpans } from "./http/request-span";
import { registerSecurityHeaders } from "./http/security-headers";
import { strictValidatorCompiler } from "./http/strict-validation";
import type {
  ModuleComposition,
  ModuleContext,
  TradewireModule,
} from "./modules/module";
import { WsGateway } from "./ws";

export interface CreateAppOptions {
  readonly config: Config;
  /** Builds the enabled modules, each given the services it needs (see modules/module.ts). */
  readonly modules?: ModuleComposition;
  /** The migrated database modules persist to; the app closes it on shutdown. */
  readonly database?: Database;
  readonly bus?: Bus;
  /**
   * The /metrics registry, when parts built before the app (a Redis bus, the leader election)
   * register metrics on it; a fresh one by default.
   */
  readonly registry?: Registry;
  /** Leader or follower when clustered; a lone instance's role (always leader) by default. */
  readonly role?: ClusterRole;
  readonly auth?: JwtAuth;
  readonly clock?: Clock;
  /** A pino logger to use instead of building one from `config.logLevel`. */
  readonly logger?: FastifyBaseLogger;
  readonly version?: string;
  /** Serve the built terminal from this folder at `/` (when it holds an index.html). */
  readonly frontendDist?: string;
}

export interface TradewireApp {
  readonly fastify: FastifyInstance;
  readonly gateway: WsGateway;
  readonly auth: JwtAuth;
  readonly modules: readonly TradewireModule[];
  readonly registry: Registry;
  /** Listen; returns the address (`http://127.0.0.1:8000`). Port 0 picks a free port. */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Graceful shutdown: readiness answers 503 at once; after `drainMs` (0: none) 1012 to every
   * socket, topics released, modules stopped, then bus and server.
   */
  close(options?: CloseOptions): Promise<void>;
}

export interface CloseOptions {
  /** Keep serving this long after readiness turns 503, so load balancers stop sending first. */
  readonly drainMs?: number;
}

/** Fastify's trustProxy; a hop count trusts that many proxies nearest the server. */
function trustedProxies(
  setting: Config["trustProxy"],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === "number"
    ? (_address, hop) => hop < setting
    : setting;
}

/** Build the application; nothing listens until `listen` is called (tests pass port 0). */
export async function createApp(
  options: CreateAppOptions,
): Promise<TradewireApp> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const fastify = Fastify({
    ...(options.logger
      ? { loggerInstance: options.logger }
      : {
          logger: {
            level: config.logLevel,
            serializers: {
              req: (req: { method: string; url: string; ip?: string }) => ({
                method: req.method,
                url: redactToken(req.url),
                ip: req.ip,
              }),
            },
          },
        }),
    // Per-request lines only at debug and trace: at info they would drown the feed's own logs.
    logController: new LogController({
      disableRequestLogging:
        config.logLevel !== "debug" && config.logLevel !== "trace",
      // The same name as in error bodies and the broker's lines, so one grep finds them all.
      requestIdLogLabel: "requestId",
    }),
    genReqId: requestIdOf,
    // Behind a reverse proxy the client address (login limits, logs) is in X-Forwarded-For.
    trustProxy: trustedProxies(config.trustProxy),
    bodyLimit: config.maxBodyBytes,
  });
  const health: HealthState = {
    status: "starting",
    version: options.version ?? "1.0.0",
    startedAt: clock.now(),
  };
  const registry = options.registry ?? new Registry();
  collectDefaultMetrics({ register: registry, prefix: "tradewire_" });
  const bus =
    options.bus ??
    new InProcessBus((err, channel) =>
      fastify.log.error({ err, channel }, "bus handler failed"),
    );
  const role = options.role ?? soloRole(randomUUID());
  const auth =
    options.auth ??
    new JwtAuth(loadJwtSecret(config.jwtSecret, config.dataDir), clock);
  const gateway = new WsGateway({
    limits: config.ws,
    clock,
    log: fastify.log,
    registry,
    instanceId: role.instanceId,
  });

  // First, so every route and the 404 handler are measured, whatever answers them.
  registerHttpMetrics(fastify, registry);
  registerRequestIds(fastify);
  registerInstanceHeader(fastify, role.instanceId);
  registerRequestSpans(fastify);
  fastify.addSchema(structuredClone(REST_SCHEMAS));
  fastify.setValidatorCompiler(strictValidatorCompiler([REST_SCHEMAS]));
  await registerSecurityHeaders(fastify);
  const spa = options.frontendDist
    ? await serveFrontend(fastify, options.frontendDist)
    : null;
  if (options.frontendDist)
    fastify.log.info(
      { frontendDist: options.frontendDist, served: spa !== null },
      "terminal",
    );
  registerErrorHandlers(fastify, spa);
  const readiness = new ReadinessProbe({
    database: options.database ?? null,
    bus,
    shuttingDown: () => health.status === "stopping",
    log: fastify.log,
  });
  registerMetaRoutes(
    fastify,
    () =>
      health.status === "ok" && !bus.connected()
        ? { ...health, status: "degraded" }
        : health,
    () => readiness.check(),
  );
  registerMetricsRoute(fastify, registry);
  registerDocsRoutes(fastify);
  await mountWebSocket(
    fastify,
    gateway,
    auth,
    config.allowedOrigins,
    config.wsDeflate,
  );
  mountSse(fastify, gateway, auth, config.allowedOrigins);

  const context: ModuleContext = {
    config,
    clock,
    log: fastify.log,
    bus,
    role,
    auth,
    database: options.database ?? null,
    registry,
  };
  const modules: readonly TradewireModule[] = options.modules?.(context) ?? [];
  for (const module of modules) {
    await module.registerRoutes(fastify);
    for (const router of module.wsRouters()) gateway.register(router);
    if (module.sessionGuard) gateway.addSessionGuard(module.sessionGuard);
  }
  // A session that ends anywhere (logout, a removed user or account) closes its sockets here too.
  const stopSessions = await bus.subscribe(SESSIONS_CHANNEL, (message) => {
    const ended = message as SessionEnded;
    gateway.closeSessions((a) => endedBy(ended, a), "the session has ended");
  });
  await fastify.ready();
  for (const module of modules) await module.start();
  gateway.start();
  health.status = "ok";

  let closing: Promise<void> | null = null;
  return {
    fastify,
    gateway,
    auth,
    modules,
    registry,
    listen: (port = config.port, host = config.host) =>
      fastify.listen({ port, host }),
    close: ({ drainMs = 0 }: CloseOptions = {}) =>
      (closing ??= (async () => {
        health.status = "stopping";
        if (drainMs > 0) {
          fastify.log.info({ drainMs }, "not ready; draining");
          await delay(drainMs);
        }
        await stopSessions();
        await gateway.close();
        for (const module of [...modules].reverse()) {
          await module
            .stop()
            .catch((err: unknown) =>
              fastify.log.error(
                { err, module: module.name },
                "module stop failed",
              ),
            );
        }
        await bus.close();
        await fastify.close();
        await options.database?.close();
      })()),
  };
}
