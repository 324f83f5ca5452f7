import { Redis, type RedisOptions } from "ioredis";
import type { Registry } from "prom-client";
import type { Bus, BusErrorListener } from "./bus";
import { BusMetrics } from "./redis-bus-metrics";

export interface RedisBusOptions {
  /** `redis://…` or `rediss://…` (REDIS_URL). */
  readonly url: string;
  /** Where the `tradewire_bus_*` metrics are registered (the app's /metrics registry). */
  readonly registry: Registry;
  /** A handler that threw, a message that is not JSON, or a connection listener that threw. */
  readonly onHandlerError: BusErrorListener;
  /** A connection error (refused, reset); the bus reconnects by itself. Ignored when unset. */
  readonly onConnectionError?: (err: Error) => void;
}

/** One channel's local interest; `subscribed` settles once Redis has (or will have) it. */
interface ChannelEntry {
  readonly handlers: Set<(message: unknown) => void>;
  readonly subscribed: Promise<void>;
}

/** The channel connection listeners' errors are reported under. */
export const CONNECTION_CHANNEL = "(bus connection)";

/**
 * The bus of a clustered instance, over Redis pub/sub: every message goes through Redis, to this
 * instance too, so all instances see one order per channel. Two connections, because a
 * subscribed Redis connection can do nothing but subscribe.
 *
 * - Interest follows local handlers: the first handler of a channel SUBSCRIBEs, the last one to
 *   stop UNSUBSCRIBEs, so an instance receives only channels its modules and sockets need.
 * - A message is serialized once to publish and parsed once per instance, then handed to every
 *   local handler of its channel.
 * - Cut off from Redis, `publish` drops the message (counted in
 *   `tradewire_bus_publishes_dropped_total`) rather than queueing it or failing the caller: the
 *   publishers have already committed to the database, and listeners resynchronise from it when
 *   `onConnectionChange` says true. Neither connection keeps an offline queue.
 * - ioredis reconnects by itself; on each reconnection the bus SUBSCRIBEs every channel it has
 *   local interest in (not ioredis's auto-resubscribe, which does not say when it is done), and
 *   only then reports connected.
 */
export class RedisBus implements Bus {
  private readonly channels = new Map<string, ChannelEntry>();
  private readonly listeners = new Set<(connected: boolean) => void>();
  private readonly metrics: BusMetrics;
  /** Whether every subscription of the current subscriber connection is in place. */
  private restored = false;
  /** Bumped on each subscriber reconnection, so a stale restore does not count. */
  private epoch = 0;
  /** The restore under way, so `connect` resolves once connected. */
  private restoring: Promise<void> = Promise.resolve();
  private live = false;
  private closed = false;

  private constructor(
    private readonly options: RedisBusOptions,
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
  ) {
    this.metrics = new BusMetrics(options.registry, () => this.channels.size);
    for (const redis of [publisher, subscriber]) {
      redis.on("error", (err: Error) => options.onConnectionError?.(err));
      redis.on("close", () => this.update());
    }
    publisher.on("ready", () => this.update());
    subscriber.on("ready", () => void this.restore());
    subscriber.on("close", () => {
      this.restored = false;
      this.update();
    });
    subscriber.on("messageBuffer", (channel: Buffer, message: Buffer) =>
      this.deliver(channel.toString(), message),
    );
  }

  /** Connect both connections; rejects (and gives up) when Redis cannot be reached at start. */
  static async connect(options: RedisBusOptions): Promise<RedisBus> {
    const settings: RedisOptions = {
      lazyConnect: true,
      enableOfflineQueue: false,
      // A command in flight when the connection drops fails at once instead of being resent
      // after reconnection: publishes are dropped, subscriptions are restored from local interest.
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      autoResubscribe: false,
      connectionName: "tradewire-bus",
    };
    const publisher = new Redis(options.url, settings);
    const subscriber = new Redis(options.url, settings);
    const bus = new RedisBus(options, publisher, subscriber);
    let lastError: Error | null = null;
    const remember = (err: Error): void => {
      lastError = err;
    };
    publisher.once("error", remember);
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
    } catch (err) {
      await bus.close();
      const reason = (lastError ?? err) as Error;
      throw new Error(
        `Redis at ${redactedUrl(options.url)}: ${reason.message}`,
      );
    } finally {
      publisher.off("error", remember);
    }
    await bus.restoring;
    return bus;
  }

  async publish(channel: string, message: unknown): Promise<void> {
    if (this.closed) return;
    const payload = JSON.stringify(message);
    try {
      await this.publisher.publish(channel, payload);
      this.metrics.published(Buffer.byteLength(payload));
    } catch {
      this.metrics.dropped();
    }
  }

  async subscribe(
    channel: string,
    handler: (message: unknown) => void,
  ): Promise<() => Promise<void>> {
    if (this.closed) throw new Error("the bus is closed");
    let entry = this.channels.get(channel);
    if (!entry) {
      entry = { handlers: new Set(), subscribed: this.redisSubscribe(channel) };
      this.channels.set(channel, entry);
    }
    const mine = (message: unknown): void => handler(message);
    entry.handlers.add(mine);
    const owner = entry;
    await owner.subscribed;
    return async () => {
      if (!owner.handlers.delete(mine)) return;
      if (owner.handlers.size > 0 || this.channels.get(channel) !== owner)
        return;
      this.channels.delete(channel);
      if (this.closed || this.subscriber.status !== "ready") return;
      // Failing means the connection dropped: the next one subscribes only to current interest.
      await this.subscriber.unsubscribe(channel).catch(() => undefined);
    };
  }

  connected(): boolean {
    return this.live;
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.live = false;
    this.metrics.connected(false);
    this.listeners.clear();
    this.channels.clear();
    // quit waits for replies in flight; disconnect when the connection is already gone.
    const ending = async (redis: Redis): Promise<void> => {
      if (redis.status !== "ready") return redis.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    };
    await Promise.all([ending(this.publisher), ending(this.subscriber)]);
  }

  /** Subscribe in Redis now if connected; otherwise the next reconnection will. */
  private async redisSubscribe(channel: string): Promise<void> {
    if (this.subscriber.status !== "ready") return;
    await this.subscriber.subscribe(channel).catch(() => undefined);
  }

  private restore(): Promise<void> {
    const epoch = ++this.epoch;
    const channels = [...this.channels.keys()];
    this.restoring = (async () => {
      try {
        if (channels.length > 0) await this.subscriber.subscribe(...channels);
      } catch {
        return; // dropped again: the next "ready" restores
      }
      if (epoch !== this.epoch || this.subscriber.status !== "ready") return;
      this.restored = true;
      this.update();
    })();
    return this.restoring;
  }

  private deliver(channel: string, raw: Buffer): void {
    const entry = this.channels.get(channel);
    this.metrics.received(raw.length);
    if (!entry) return; // unsubscribed while the message was on its way
    let message: unknown;
    try {
      message = JSON.parse(raw.toString("utf8"));
    } catch (err) {
      this.options.onHandlerError(err, channel);
      return;
    }
    for (const handler of [...entry.handlers]) {
      try {
        handler(message);
      } catch (err) {
        this.options.onHandlerError(err, channel);
      }
    }
  }

  /** Recompute connected; on a change, set the gauge and tell the listeners. */
  private update(): void {
    const now =
      !this.closed && this.restored && this.publisher.status === "ready";
    if (now === this.live) return;
    this.live = now;
    this.metrics.connected(now);
    if (!now) this.metrics.disconnected();
    for (const listener of [...this.listeners]) {
      try {
        listener(now);
      } catch (err) {
        this.options.onHandlerError(err, CONNECTION_CHANNEL);
      }
    }
  }
}

/** The URL without its password, for messages. */
function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
