import { CHANNELS } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import { describe, expect, it } from "vitest";
import type { WsConnection } from "../connection/connection";
import type { TopicRef, WsRouteService } from "./route-service";
import { TopicError } from "./topic-error";
import { TopicTable } from "./topic-table";

/** A service that records its calls; `createTopic` waits for `release()` when `gated`. */
function recordingService(opts: { fail?: Error; gated?: boolean } = {}) {
  const calls: string[] = [];
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const service: WsRouteService<object, unknown> = {
    async createTopic(topic: TopicRef<object>) {
      calls.push(`create ${topic.id}`);
      if (opts.gated) await gate;
      if (opts.fail !== undefined) throw opts.fail;
    },
    removeTopic(topic: TopicRef<object>) {
      calls.push(`remove ${topic.id}`);
    },
  };
  return { service, calls, release: () => open() };
}

const errors: unknown[] = [];
const log = {
  error: (o: unknown) => errors.push(o),
} as unknown as FastifyBaseLogger;
const conn = (name: string) => ({ name }) as unknown as WsConnection;
const TOPIC = 'quotes:{"symbols":["AAPL"]}';

function table(service: WsRouteService<object, unknown>) {
  return new TopicTable(
    CHANNELS.quotes,
    service,
    () => () => 0,
    () => log,
  );
}

describe("TopicTable", () => {
  it("creates a topic once for concurrent subscribers and removes it once the last one leaves", async () => {
    const { service, calls, release } = recordingService({ gated: true });
    const topics = table(service);
    const first = topics.acquire(TOPIC, { symbols: ["AAPL"] }, null);
    const second = topics.acquire(TOPIC, { symbols: ["AAPL"] }, null);
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a).toBe(b);
    expect(calls).toEqual([`create ${TOPIC}`]);
    expect(a.waiters).toBe(2);

    const alice = conn("alice");
    const bob = conn("bob");
    a.waiters -= 2;
    a.subscribers.add(alice).add(bob);
    a.subscribers.delete(alice);
    topics.removeIfUnused(a);
    expect(calls).toEqual([`create ${TOPIC}`]);
    expect(topics.size).toBe(1);

    a.subscribers.delete(bob);
    topics.removeIfUnused(a);
    topics.removeIfUnused(a);
    await a.removed;
    expect(calls).toEqual([`create ${TOPIC}`, `remove ${TOPIC}`]);
    expect(topics.size).toBe(0);
  });

  it("keeps a topic while a subscribe still waits for it", async () => {
    const { service, calls } = recordingService();
    const topics = table(service);
    const state = await topics.acquire(TOPIC, {}, null);
    topics.removeIfUnused(state);
    expect(calls).toEqual([`create ${TOPIC}`]);
    state.waiters -= 1;
    topics.removeIfUnused(state);
    await state.removed;
    expect(calls).toEqual([`create ${TOPIC}`, `remove ${TOPIC}`]);
  });

  it("rejects every waiter when createTopic fails, forgets the topic and never removes it", async () => {
    const refusal = new TopicError("UNKNOWN_SYMBOL", "no symbol NOPE");
    const { service, calls } = recordingService({ fail: refusal });
    const topics = table(service);
    await expect(topics.acquire(TOPIC, {}, null)).rejects.toBe(refusal);
    expect(topics.size).toBe(0);
    expect(topics.get(TOPIC)).toBeUndefined();
    expect(calls).toEqual([`create ${TOPIC}`]);
  });

  it("a subscribe arriving while the topic is being removed waits and creates it afresh", async () => {
    const { service, calls } = recordingService();
    const topics = table(service);
    const old = await topics.acquire(TOPIC, {}, null);
    old.waiters -= 1;
    topics.removeIfUnused(old);
    const fresh = await topics.acquire(TOPIC, {}, null);
    expect(fresh).not.toBe(old);
    expect(calls).toEqual([
      `create ${TOPIC}`,
      `remove ${TOPIC}`,
      `create ${TOPIC}`,
    ]);
  });
});
