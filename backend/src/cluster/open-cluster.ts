import type { FastifyBaseLogger } from "fastify";
import type { Registry } from "prom-client";
import { RedisBus } from "../bus/redis-bus";
import type { Config } from "../config";
import { LeaderElection, type ElectionLog } from "./leader-election";

/** What a clustered instance runs besides the app: its bus to the others and its election. */
export interface ClusterServices {
  readonly bus: RedisBus;
  readonly election: LeaderElection;
}

/**
 * Connect the Redis bus and prepare the leader election (not started: modules must register
 * their `onChange` listeners first). `log` gives the app's logger once it exists; until then
 * lines go to stderr, since the bus may report before the app is built.
 */
export async function openCluster(
  config: Config & { redisUrl: string; databaseUrl: string },
  registry: Registry,
  log: () => FastifyBaseLogger | null,
): Promise<ClusterServices> {
  const { instanceId, leaderPollMs } = config.cluster;
  const say =
    (level: "info" | "warn" | "error") =>
    (obj: object, msg: string): void => {
      const logger = log();
      if (logger) logger[level](obj, msg);
      else process.stderr.write(`tradewire: ${msg}\n`);
    };
  const sink: ElectionLog = {
    info: say("info"),
    warn: say("warn"),
    error: say("error"),
  };
  const bus = await RedisBus.connect({
    url: config.redisUrl,
    registry,
    onHandlerError: (err, channel) =>
      sink.error({ err, channel }, "bus handler failed"),
    onConnectionError: (err) =>
      sink.warn({ err }, "bus: Redis connection error"),
  });
  bus.onConnectionChange((connected) =>
    connected
      ? sink.info({}, "bus: connected to Redis again, subscriptions restored")
      : sink.warn(
          {},
          "bus: cut off from Redis; messages are lost until it is back",
        ),
  );
  const election = new LeaderElection({
    databaseUrl: config.databaseUrl,
    instanceId,
    pollMs: leaderPollMs,
    registry,
    log: sink,
  });
  return { bus, election };
}
