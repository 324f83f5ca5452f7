import { CuttableBus } from "./cuttable-bus";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { InProcessBus } from "../../src/bus/in-process-bus";
import type { Database } from "../../src/db/database";
import { migrateToLatest } from "../../src/db/migrate";
import { openPostgres } from "../../src/db/postgres";
import { ManualRole } from "../../src/testing/manual-role";
import type { ControlledMarket } from "./controlled-market";
import { memoryDatabase } from "./databases";
import type { ManualClock } from "./datafeed-app";
import { startTradingApp, type TradingApp } from "./trading-app";

export interface ClusterNode {
  readonly t: TradingApp;
  readonly role: ManualRole;
  /** This instance's link to the bus, which the test can cut and restore. */
  readonly link: CuttableBus;
}

export interface Cluster {
  readonly nodes: readonly ClusterNode[];
  /** What the bus's handlers threw (the test expects none). */
  readonly busErrors: unknown[];
  /** The database as the test reads it (its own connection). */
  readonly database: Database;
  close(): Promise<void>;
}

/**
 * `count` instances of the trading app in this process, as a cluster runs them: one database
 * (PostgreSQL at DATABASE_URL, a pool per instance, in a fresh schema), one bus, a ManualRole each
 * (the first one leads), and one market all of them price against. Without DATABASE_URL they share
 * one in-memory PGlite (outside CI, with a warning), which still runs every commit's
 * compare-and-set, one transaction at a time.
 */
export async function startCluster(
  count: number,
  clock: ManualClock,
  market: ControlledMarket,
): Promise<Cluster> {
  const busErrors: unknown[] = [];
  const bus = new InProcessBus((err) => busErrors.push(err));
  const storage = await clusterStorage();
  const nodes: ClusterNode[] = [];
  for (let i = 0; i < count; i++) {
    const role = new ManualRole(`instance-${i}`, i === 0);
    const link = new CuttableBus(bus);
    const t = await startTradingApp({
      clock,
      market,
      database: await storage.open(),
      bus: link,
      role,
    });
    nodes.push({ t, role, link });
  }
  const database = await storage.open();
  return {
    nodes,
    busErrors,
    database,
    async close() {
      for (const node of [...nodes].reverse()) await node.t.close();
      await database.close();
      await bus.close();
      await storage.dispose();
    },
  };
}

async function clusterStorage(): Promise<{
  open(): Promise<Database>;
  dispose(): Promise<void>;
}> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    if (process.env.CI)
      throw new Error(
        "CI is set but DATABASE_URL is not: the cluster tests would not run on PostgreSQL",
      );
    console.warn(
      "DATABASE_URL is not set: the cluster's instances share one PGlite",
    );
    const memory = await memoryDatabase();
    return {
      open: () =>
        Promise.resolve({ ...memory, close: () => Promise.resolve() }),
      dispose: () => memory.close(),
    };
  }
  const schema = `tw_cluster_${randomBytes(6).toString("hex")}`;
  let migrated = false;
  return {
    async open() {
      const database = await openPostgres(url, { schema, maxConnections: 6 });
      if (!migrated) await migrateToLatest(database);
      migrated = true;
      return database;
    },
    async dispose() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}
