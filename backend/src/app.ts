import Fastify, { type FastifyInstance } from "fastify";
import { REST_SCHEMAS } from "@tradewire/client/rest-schemas";
import type { Config } from "./config";
import { registerMetaRoutes, type HealthState } from "./http/meta-routes";

export interface CreateAppOptions {
  readonly config: Config;
  readonly version?: string;
}

export interface TradewireApp {
  readonly fastify: FastifyInstance;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** Build the application; nothing listens until `listen` is called (tests pass port 0). */
export async function createApp(
  options: CreateAppOptions,
): Promise<TradewireApp> {
  const { config } = options;
  const fastify = Fastify({ logger: { level: config.logLevel } });
  const health: HealthState = {
    status: "starting",
    version: options.version ?? "1.0.0",
    startedAt: Date.now(),
  };
  fastify.addSchema(structuredClone(REST_SCHEMAS));
  registerMetaRoutes(fastify, () => health);
  await fastify.ready();
  health.status = "ok";
  return {
    fastify,
    listen: (port = config.port, host = config.host) =>
      fastify.listen({ port, host }),
    close: async () => {
      health.status = "stopping";
      await fastify.close();
    },
  };
}
