import { Migrator, type Migration, type MigrationProvider } from "kysely";
import type { Database } from "./database";
import { datafeedTables } from "./migrations/001-datafeed";
import { authTables } from "./migrations/002-auth";
import { brokerTables } from "./migrations/003-broker";
import { brokerInvariants } from "./migrations/004-broker-invariants";
import { sessionTables } from "./migrations/005-sessions";
import { alertTables } from "./migrations/006-alerts";
import { brokerVersion } from "./migrations/007-broker-version";
import { continuousRolls } from "./migrations/008-continuous-rolls";
import { historyJobTables } from "./migrations/009-history-jobs";
import { workspaceTables } from "./migrations/010-workspace";

/** Every migration, in order. Names sort in application order; never rename or edit a shipped one. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "001-datafeed": datafeedTables,
  "002-auth": authTables,
  "003-broker": brokerTables,
  "004-broker-invariants": brokerInvariants,
  "005-sessions": sessionTables,
  "006-alerts": alertTables,
  "007-broker-version": brokerVersion,
  "008-continuous-rolls": continuousRolls,
  "009-history-jobs": historyJobTables,
  "010-workspace": workspaceTables,
};

class StaticProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({ ...MIGRATIONS });
  }
}

/** The migrator of every migration above, for this database. */
export function migratorFor(database: Database): Migrator {
  return new Migrator({
    db: database.db,
    provider: new StaticProvider(),
    // Kysely looks for its own tables in every schema: name ours, or another schema's are found.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
}

/** Bring the schema up to date; the same migrations run on PGlite and PostgreSQL. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const { error, results } = await migratorFor(database).migrateToLatest();
  if (error)
    throw error instanceof Error
      ? error
      : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? [])
    .filter((r) => r.status === "Success")
    .map((r) => r.migrationName);
}
