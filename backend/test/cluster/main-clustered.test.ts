import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createRunDatabase,
  spawnServer,
  type RunDatabase,
  startRedisServer,
  type RedisServer,
  type ServerProcess,
} from "../../src/testing";
import { parseSamples, samplesOf, scrape } from "../support/metrics-text";

// The real server process, clustered: REDIS_URL (a private redis-server) and a PostgreSQL
// database of its own, created and dropped here, so no shared database gains tables.
const url = process.env.DATABASE_URL;
if (!url && process.env.CI)
  throw new Error(
    "CI is set but DATABASE_URL is not: the clustered server tests would be skipped",
  );
if (!url)
  console.warn(
    "DATABASE_URL is not set: the clustered server tests do not run",
  );

/** `tradewire_cluster_leader` of one server, from its /metrics. */
async function leading(address: string): Promise<number> {
  const samples = samplesOf(
    parseSamples(await scrape(address)),
    "tradewire_cluster_leader",
  );
  return samples[0]?.value ?? NaN;
}

describe.skipIf(!url)("two clustered server processes", () => {
  let database: RunDatabase;
  let redis: RedisServer;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    database = await createRunDatabase(url ?? "");
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await redis.kill();
    await database.drop();
  });

  function start(instanceId: string): ServerProcess {
    const server = spawnServer({
      dataDir: mkdtempSync(join(tmpdir(), "tw-cluster-")),
      env: {
        DATABASE_URL: database.url,
        REDIS_URL: redis.url,
        INSTANCE_ID: instanceId,
        LEADER_POLL_MS: "100",
        JWT_SECRET: "clustered-test-secret-0123456789abcdef",
      },
    });
    servers.push(server);
    return server;
  }

  it("elect one leader; when it is stopped (SIGTERM) the other leads", async () => {
    const a = start("a");
    const first = await a.address;
    const b = start("b");
    const second = await b.address;
    // a started first, on its own: it leads, b follows.
    expect(await leading(first)).toBe(1);
    expect(await leading(second)).toBe(0);
    const stopped = Date.now();
    expect(await a.stop()).toBe(0);
    await vi.waitFor(async () => expect(await leading(second)).toBe(1), {
      timeout: 15_000,
      interval: 20,
    });
    console.log(
      `clustered servers: b leads ${Date.now() - stopped} ms after a got SIGTERM (LEADER_POLL_MS 100)`,
    );
    expect(a.output()).toContain('"instanceId":"a","leader":true');
    expect(b.output()).toContain('"instanceId":"b","leader":false');
  });
});
