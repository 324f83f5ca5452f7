import { Redis } from "ioredis";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startRedisServer, type RedisServer } from "../testing/redis-server";
import { RedisBus } from "./redis-bus";

async function metric(registry: Registry, name: string): Promise<number> {
  const found = await registry.getSingleMetric(name)?.get();
  return found?.values[0]?.value ?? NaN;
}

const waitFor = (check: () => void | Promise<void>): Promise<void> =>
  vi.waitFor(check, { timeout: 15_000, interval: 20 });

describe("RedisBus when its Redis goes away and comes back", () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server.kill());

  it("reports the loss, drops what is published meanwhile, then reconnects, resubscribes and delivers again", async () => {
    const registry = new Registry();
    const bus = await RedisBus.connect({
      url: server.url,
      registry,
      onHandlerError: () => undefined,
    });
    try {
      const told: boolean[] = [];
      bus.onConnectionChange((connected) => told.push(connected));
      const got: unknown[] = [];
      await bus.subscribe("restart.a", (m) => got.push(m));
      await bus.subscribe("restart.b", (m) => got.push(m));
      expect(bus.connected()).toBe(true);
      expect(await metric(registry, "tradewire_bus_connected")).toBe(1);

      await server.kill();
      await waitFor(() => expect(told).toEqual([false]));
      expect(bus.connected()).toBe(false);
      expect(await metric(registry, "tradewire_bus_connected")).toBe(0);
      expect(await metric(registry, "tradewire_bus_disconnects_total")).toBe(1);

      // Cut off: publishing neither fails the caller nor queues.
      await bus.publish("restart.a", "lost");
      expect(
        await metric(registry, "tradewire_bus_publishes_dropped_total"),
      ).toBe(1);

      await server.restart();
      const back = Date.now();
      await waitFor(() => expect(told).toEqual([false, true]));
      console.log(
        `RedisBus: connected again ${Date.now() - back} ms after redis-server accepted connections`,
      );
      expect(bus.connected()).toBe(true);
      expect(await metric(registry, "tradewire_bus_connected")).toBe(1);

      // The old subscriptions are back in the new server, and carry messages from anyone.
      const other = new Redis(server.url);
      try {
        const numsub = (await other.pubsub(
          "NUMSUB",
          "restart.a",
          "restart.b",
        )) as (string | number)[];
        expect(numsub.map(String)).toEqual([
          "restart.a",
          "1",
          "restart.b",
          "1",
        ]);
        await other.publish("restart.a", JSON.stringify("from elsewhere"));
      } finally {
        other.disconnect();
      }
      await bus.publish("restart.b", "from itself");
      await waitFor(() =>
        expect(got).toEqual(["from elsewhere", "from itself"]),
      );
    } finally {
      await bus.close();
    }
  });

  it("subscribes while cut off, and has the subscription once Redis is back", async () => {
    const bus = await RedisBus.connect({
      url: server.url,
      registry: new Registry(),
      onHandlerError: () => undefined,
    });
    try {
      const told: boolean[] = [];
      bus.onConnectionChange((connected) => told.push(connected));
      await server.kill();
      await waitFor(() => expect(told).toEqual([false]));
      const got: unknown[] = [];
      // Resolves at once: the interest is kept and restored on reconnection.
      await bus.subscribe("restart.late", (m) => got.push(m));
      await server.restart();
      await waitFor(() => expect(told).toEqual([false, true]));
      await bus.publish("restart.late", 42);
      await waitFor(() => expect(got).toEqual([42]));
    } finally {
      await bus.close();
    }
  });
});
