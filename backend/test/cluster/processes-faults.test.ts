import { MINUTE_MS, OrderType, Side, type Execution } from "@tradewire/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { buildCatalog, generateBars } from "../../src/modules/datafeed/market";
import {
  startCluster,
  startRedisServer,
  type Cluster,
  type RedisServer,
} from "../../src/testing";
import { processCluster, updatesOf } from "../support/process-cluster";
import { postgresServer } from "../support/shared-services";
import { until } from "../support/test-socket";

const databaseUrl = postgresServer();

async function healthOf(address: string): Promise<string> {
  const body = (await (await fetch(`${address}/health`)).json()) as {
    status: string;
  };
  return body.status;
}
const SYMBOL = "BTCUSD";

/** The stored 1-minute bars of SYMBOL from `fromMinute` on, as the instances wrote them. */
async function storedBars(url: string, fromMinute: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{
      minute: number;
      open: number;
      high: number;
      low: number;
      close: number;
      volume: number;
    }>(
      "SELECT minute, open, high, low, close, volume FROM bars_1m WHERE symbol = $1 AND minute >= $2 ORDER BY minute",
      [SYMBOL, fromMinute],
    );
    return rows;
  } finally {
    await client.end();
  }
}

/**
 * Three real server processes losing what they share: the leader is killed outright, and their
 * Redis (a private one the test can stop) goes away and comes back.
 */
describe.runIf(databaseUrl)("three instances when something fails", () => {
  let redis: RedisServer;
  let cluster: Cluster;
  const c = processCluster(() => cluster);
  const alive = new Set([0, 1, 2]);

  beforeAll(async () => {
    if (!databaseUrl) return;
    redis = await startRedisServer();
    cluster = await startCluster({
      instances: 3,
      databaseUrl,
      redisUrl: redis.url,
      env: { LEADER_POLL_MS: "200" },
    });
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    await redis?.kill();
  });

  it("the leader is killed: another takes over, and the stored minutes have no gap and no duplicate", async () => {
    const leader = await c.leader([...alive]);
    const survivor = [...alive].find((i) => i !== leader) as number;
    const watcher = await c.socket(survivor);
    await watcher.subscribe("bars", { symbol: SYMBOL, resolution: "1" });
    await until(() => updatesOf(watcher, "bars").length > 1, 10_000);

    const killedAt = Date.now();
    await cluster.kill(leader, "SIGKILL");
    alive.delete(leader);
    const next = await c.leader([...alive]);
    console.info(
      `new leader (instance ${next}) ${Date.now() - killedAt} ms after the SIGKILL`,
    );
    const seen = updatesOf(watcher, "bars").length;
    await until(
      () => updatesOf(watcher, "bars").length > seen,
      10_000,
      "market data on a survivor's socket after the failover",
    );

    // Wait for the minute of the kill to close and be stored by the new leader (within 60 s).
    const killMinute = Math.floor(killedAt / MINUTE_MS);
    const from = killMinute - 5;
    await until(
      async () =>
        (await storedBars(cluster.databaseUrl, from)).some(
          (b) => b.minute >= killMinute,
        ),
      90_000,
      `the minute of the kill stored\n${cluster.logs()}`,
    );
    const [before, ...stored] = await storedBars(cluster.databaseUrl, from - 1);
    const upTo = (stored.at(-1)?.minute ?? 0) + 1;
    const entry = buildCatalog(Date.now()).find((e) => e.ticker === SYMBOL);
    if (!entry || !before) throw new Error(`no ${SYMBOL} history`);
    // The market is a pure function of seed and minute: what must be stored is known exactly.
    const expected = generateBars(
      entry,
      loadConfig({}).market.seed,
      from * MINUTE_MS,
      upTo * MINUTE_MS,
      before.close,
    ).map((b) => ({
      minute: b.time / MINUTE_MS,
      open: b.open,
      high: b.high,
      low: b.low,
      close: b.close,
      volume: b.volume,
    }));
    expect(stored.filter((b) => b.minute >= from)).toEqual(expected);
    watcher.close();
  }, 150_000);

  it("Redis restarts: /health says degraded meanwhile, and a fill made then reaches a socket on another instance", async () => {
    const [a, b] = [...alive] as [number, number];
    const token = await c.login(a, "bob");
    const watcher = await c.socket(b, token);
    for (const route of ["orders", "executions"])
      expect((await watcher.subscribe(route, {})).payload.status).toBe("ok");

    await redis.kill();
    await until(
      async () => (await healthOf(c.address(b))) === "degraded",
      10_000,
      "degraded health while Redis is away",
    );
    const placed = await c.rest<{ orderId: string }>(
      a,
      "POST",
      "/api/v1/broker/orders",
      token,
      { symbol: "ETHUSD", type: OrderType.Market, side: Side.Sell, qty: 0.2 },
    );
    expect(placed.status).toBe(201);
    await redis.restart();
    await until(
      () =>
        updatesOf<Execution>(watcher, "executions").some(
          (e) => e.orderId === placed.body.orderId,
        ),
      20_000,
      `the fill made while Redis was away on the other instance's socket\n${cluster.logs()}`,
    );
    for (const i of alive) {
      await until(
        async () => (await healthOf(c.address(i))) === "ok",
        10_000,
        `instance ${i} healthy again`,
      );
    }
    // Every execution once, in order, as the database numbers them.
    const sequences = updatesOf<Execution>(watcher, "executions").map(
      (e) => e.sequence,
    );
    expect(sequences).toEqual([...new Set(sequences)].sort((x, y) => x - y));
    watcher.close();
  }, 90_000);
});
