import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp, type TradewireApp } from "../../src/app";
import { RedisBus } from "../../src/bus/redis-bus";
import { loadConfig } from "../../src/config";
import { startRedisServer, type RedisServer } from "../../src/testing";
import { takeViolations } from "../support/conformance";
import { parseSamples, scrape, valueOf } from "../support/metrics-text";
import { specFetch } from "../support/openapi-conformance";
import { TEST_JWT_SECRET } from "../support/test-app";

async function get(url: string): Promise<{ status: number; body: unknown }> {
  const res = await specFetch(url);
  return { status: res.status, body: JSON.parse(res.text) as unknown };
}

const waitFor = (check: () => Promise<void>): Promise<void> =>
  vi.waitFor(check, { timeout: 15_000, interval: 25 });

describe("/health with a Redis bus that loses its Redis", () => {
  let redis: RedisServer;
  let app: TradewireApp;
  let url: string;

  beforeAll(async () => {
    redis = await startRedisServer();
    const registry = new Registry();
    const bus = await RedisBus.connect({
      url: redis.url,
      registry,
      onHandlerError: () => undefined,
    });
    app = await createApp({
      config: loadConfig({ LOG_LEVEL: "silent", JWT_SECRET: TEST_JWT_SECRET }),
      bus,
      registry,
    });
    url = await app.listen(0, "127.0.0.1");
  });
  afterAll(async () => {
    await app.close();
    await redis.kill();
  });

  it("is ok while connected, degraded (still 200) while cut off, with readiness 503 and the reason on /metrics, and ok again once back", async () => {
    expect(await get(`${url}/health`)).toMatchObject({
      status: 200,
      body: { status: "ok" },
    });
    let samples = parseSamples(await scrape(url));
    expect(valueOf(samples, "tradewire_bus_connected")).toBe(1);

    await redis.kill();
    await waitFor(async () =>
      expect(await get(`${url}/health`)).toMatchObject({
        status: 200,
        body: { status: "degraded" },
      }),
    );
    expect(await get(`${url}/health/ready`)).toEqual({
      status: 503,
      body: {
        status: "not_ready",
        checks: {
          database: "none",
          migrations: "none",
          bus: "failed",
          shutdown: "ok",
        },
      },
    });
    samples = parseSamples(await scrape(url));
    expect(valueOf(samples, "tradewire_bus_connected")).toBe(0);
    expect(valueOf(samples, "tradewire_bus_disconnects_total")).toBe(1);
    // Liveness is not at stake: a Redis outage must not get the process restarted.
    expect((await get(`${url}/health/live`)).status).toBe(200);

    await redis.restart();
    await waitFor(async () =>
      expect(await get(`${url}/health`)).toMatchObject({
        status: 200,
        body: { status: "ok" },
      }),
    );
    expect((await get(`${url}/health/ready`)).status).toBe(200);
    samples = parseSamples(await scrape(url));
    expect(valueOf(samples, "tradewire_bus_connected")).toBe(1);
    expect(takeViolations()).toEqual([]);
  });
});
