import type { FastifyBaseLogger } from "fastify";
import { Registry } from "prom-client";
import { createApp } from "./app";
import { openCluster, type ClusterServices } from "./cluster/open-cluster";
import { ConfigError, loadConfig, type Config } from "./config";
import { tradingModules } from "./compositions";
import { openDatabase } from "./db/open";
import { startTracing } from "./telemetry/start-tracing";

// Everything the server creates (the embedded database, the signing secret) is for its own user
// only, whatever umask it was started with.
process.umask(0o077);

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`tradewire: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const tracing = startTracing();
  const database = await openDatabase(config);
  // With REDIS_URL: a Redis bus to the other instances and a leader election (loadConfig has
  // refused REDIS_URL without DATABASE_URL). Without it: the in-process bus, always the leader.
  let log: FastifyBaseLogger | null = null;
  const registry = new Registry();
  const { redisUrl, databaseUrl } = config;
  const cluster: ClusterServices | null =
    redisUrl !== null && databaseUrl !== null
      ? await openCluster(
          { ...config, redisUrl, databaseUrl },
          registry,
          () => log,
        )
      : null;
  const app = await createApp({
    config,
    database,
    modules: tradingModules(),
    frontendDist: config.frontendDist,
    ...(cluster ? { bus: cluster.bus, role: cluster.election, registry } : {}),
  });
  log = app.fastify.log;
  // After createApp: every module has registered its leadership listener by now.
  await cluster?.election.start();
  const address = await app.listen();
  app.fastify.log.info(
    {
      address,
      database: database.kind,
      ...(cluster
        ? {
            instanceId: cluster.election.instanceId,
            leader: cluster.election.isLeader(),
          }
        : {}),
    },
    "tradewire listening",
  );
  // SIGTERM is how orchestrators stop an instance: readiness turns 503 and the server keeps
  // serving for the drain so load balancers stop sending first. SIGINT (a terminal's Ctrl-C) does
  // not wait. A second signal of the same kind ends the process at once (the listener is gone).
  const stop = (signal: string, drainMs: number): void => {
    app.fastify.log.info({ signal, drainMs }, "shutting down");
    // Step down first, so another instance takes over the leader's work while this one drains.
    Promise.resolve(cluster?.election.stop())
      .then(() => app.close({ drainMs }))
      .then(() => tracing?.shutdown())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          app.fastify.log.error({ err }, "shutdown failed");
          process.exit(1);
        },
      );
  };
  process.once("SIGINT", () => stop("SIGINT", 0));
  process.once("SIGTERM", () => stop("SIGTERM", config.shutdownDrainMs));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `tradewire: failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
