import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Database } from "../../src/db/database";
import { migrateToLatest } from "../../src/db/migrate";
import { openPGlite } from "../../src/db/pglite";
import { openPostgres } from "../../src/db/postgres";

/** A fresh, migrated, in-memory PGlite: the default database of app-level tests. */
export async function memoryDatabase(): Promise<Database> {
  const database = await openPGlite(null);
  await migrateToLatest(database);
  return database;
}

export interface TestDatabase {
  readonly name: "pglite" | "postgres";
  /**
   * Open (again) the same database, migrated unless asked not to; reopening after close simulates
   * a restart.
   */
  open(): Promise<Database>;
  /** Remove what the test created. */
  dispose(): Promise<void>;
}

/**
 * The engines database tests run on: PGlite always; PostgreSQL too when DATABASE_URL is set
 * (CI sets it), each test database in a schema of its own. `migrated: false` opens them as they
 * are, so that a test can migrate to an older schema itself.
 */
export function testDatabases(
  options: { migrated?: boolean } = {},
): TestDatabase[] {
  const prepare = async (db: Database): Promise<Database> => {
    if (options.migrated !== false) await migrateToLatest(db);
    return db;
  };
  const engines: TestDatabase[] = [
    {
      name: "pglite",
      ...(() => {
        const dir = join(mkdtempSync(join(tmpdir(), "tw-pglite-")), "data");
        return {
          open: async () => prepare(await openPGlite(dir)),
          dispose: () => Promise.resolve(),
        };
      })(),
    },
  ];
  const url = process.env.DATABASE_URL;
  if (!url && process.env.CI) {
    // In CI the PostgreSQL path must run, never quietly drop out.
    throw new Error(
      "CI is set but DATABASE_URL is not: the PostgreSQL tests would be skipped",
    );
  }
  if (!url) {
    console.warn("DATABASE_URL is not set: database tests run on PGlite only");
  } else {
    const schema = `tw_test_${randomBytes(6).toString("hex")}`;
    engines.push({
      name: "postgres",
      open: async () =>
        prepare(await openPostgres(url, { schema, maxConnections: 4 })),
      dispose: async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      },
    });
  }
  return engines;
}
