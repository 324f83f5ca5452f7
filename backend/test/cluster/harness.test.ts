import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, type Cluster } from "../../src/testing";
import { sharedServices } from "../support/shared-services";

const services = sharedServices();

async function health(address: string): Promise<number> {
  return (await fetch(`${address}/health`)).status;
}

describe.runIf(services)("the cluster harness", () => {
  let cluster: Cluster;

  beforeAll(async () => {
    if (!services) return;
    cluster = await startCluster({ instances: 3, ...services });
  }, 120_000);
  afterAll(() => cluster?.stop());

  it("starts three instances that each answer /health on a port of their own", async () => {
    const addresses = cluster.addresses();
    expect(new Set(addresses).size).toBe(3);
    for (const address of addresses)
      expect(await health(address), cluster.logs()).toBe(200);
  });

  it("runs them on a database made for the run, migrated once", async () => {
    expect(cluster.databaseUrl).toMatch(/\/tw_cluster_[0-9a-f]{12}$/);
    const client = new pg.Client({ connectionString: cluster.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM kysely_migration",
      );
      expect(Number(rows[0]?.n)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it("a SIGKILLed instance stops answering and comes back on its port after restart", async () => {
    const before = cluster.addresses()[1] ?? "";
    await cluster.kill(1);
    await expect(health(before)).rejects.toThrow();
    expect(await health(cluster.addresses()[0] ?? "")).toBe(200);
    expect(await cluster.restart(1)).toBe(before);
    expect(await health(before), cluster.logs()).toBe(200);
  }, 60_000);

  it("refuses a cluster of no instances before making a database", async () => {
    await expect(
      startCluster({ instances: 0, databaseUrl: "postgres://nowhere:1/x" }),
    ).rejects.toThrow(/1 or more instances/);
  });

  it("drops the run's database when stopped", async () => {
    const name = new URL(cluster.databaseUrl).pathname.slice(1);
    await cluster.stop();
    const client = new pg.Client({ connectionString: services?.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT 1 FROM pg_database WHERE datname = $1",
        [name],
      );
      expect(rows).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
