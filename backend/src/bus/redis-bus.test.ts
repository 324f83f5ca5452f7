import { Redis } from "ioredis";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startRedisServer, type RedisServer } from "../testing/redis-server";
import type { BusErrorListener } from "./bus";
import { describeBusContract } from "./bus-contract";
import { RedisBus } from "./redis-bus";

// The contract and the cross-instance tests run on the shared Redis at REDIS_URL (CI sets it);
// without it, on a private redis-server, so they never drop out. The restart test always uses a
// private one: it kills it.
let shared: RedisServer | null = null;
let sharedUrl = process.env.REDIS_URL ?? "";
if (!sharedUrl)
  console.warn(
    "REDIS_URL is not set: the RedisBus tests run on a private redis-server",
  );

beforeAll(async () => {
  if (!sharedUrl) {
    shared = await startRedisServer();
    sharedUrl = shared.url;
  }
});
afterAll(() => shared?.kill());

function openBus(
  onHandlerError: BusErrorListener = () => undefined,
  url = sharedUrl,
  registry = new Registry(),
): Promise<RedisBus> {
  return RedisBus.connect({ url, registry, onHandlerError });
}

async function metric(registry: Registry, name: string): Promise<number> {
  const found = await registry.getSingleMetric(name)?.get();
  return found?.values[0]?.value ?? NaN;
}

const waitFor = (check: () => void): Promise<void> =>
  vi.waitFor(check, { timeout: 10_000, interval: 10 });

let unique = 0;
const channel = (name: string): string =>
  `redis-bus-test.${process.pid}.${Date.now()}.${++unique}.${name}`;

describeBusContract("redis", (onHandlerError) => openBus(onHandlerError));

describe("RedisBus", () => {
  it("holds one Redis subscription for two local handlers, and none once both stop", async () => {
    const registry = new Registry();
    const bus = await openBus(undefined, sharedUrl, registry);
    const observer = new Redis(sharedUrl);
    try {
      const ch = channel("refcount");
      const numsub = async (): Promise<number> => {
        const reply = (await observer.pubsub("NUMSUB", ch)) as [string, number];
        return Number(reply[1]);
      };
      const a: unknown[] = [];
      const b: unknown[] = [];
      const stopA = await bus.subscribe(ch, (m) => a.push(m));
      const stopB = await bus.subscribe(ch, (m) => b.push(m));
      expect(await numsub()).toBe(1);

      await bus.publish(ch, { n: 1 });
      await waitFor(() => expect([a, b]).toEqual([[{ n: 1 }], [{ n: 1 }]]));
      // Received (and parsed) once for the instance, handed to both handlers.
      expect(
        await metric(registry, "tradewire_bus_messages_received_total"),
      ).toBe(1);
      expect(
        await metric(registry, "tradewire_bus_messages_published_total"),
      ).toBe(1);
      expect(
        await metric(registry, "tradewire_bus_published_bytes_total"),
      ).toBe(Buffer.byteLength('{"n":1}'));

      await stopA();
      expect(await numsub()).toBe(1);
      await stopB();
      expect(await numsub()).toBe(0);
    } finally {
      observer.disconnect();
      await bus.close();
    }
  });

  it("delivers between two instances, in both directions", async () => {
    const [one, two] = await Promise.all([openBus(), openBus()]);
    try {
      const ch = channel("between");
      const got: Record<string, unknown[]> = { one: [], two: [] };
      await one.subscribe(ch, (m) => got.one?.push(m));
      await two.subscribe(ch, (m) => got.two?.push(m));
      await one.publish(ch, "from one");
      await waitFor(() => expect(got.two).toEqual(["from one"]));
      await two.publish(ch, "from two");
      await waitFor(() =>
        expect(got).toEqual({
          one: ["from one", "from two"],
          two: ["from one", "from two"],
        }),
      );
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it("reports a message that is not JSON to the error listener, and carries on", async () => {
    const errors: string[] = [];
    const bus = await openBus((_err, ch) => errors.push(ch));
    const raw = new Redis(sharedUrl);
    try {
      const ch = channel("garbage");
      const got: unknown[] = [];
      await bus.subscribe(ch, (m) => got.push(m));
      await raw.publish(ch, "{not json");
      await bus.publish(ch, "fine");
      await waitFor(() => expect(got).toEqual(["fine"]));
      expect(errors).toEqual([ch]);
    } finally {
      raw.disconnect();
      await bus.close();
    }
  });

  it("refuses to start when Redis cannot be reached, naming it", async () => {
    const server = await startRedisServer();
    await server.kill();
    await expect(openBus(undefined, server.url)).rejects.toThrow(
      `Redis at ${server.url}`,
    );
  });
});
