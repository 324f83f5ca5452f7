import { join } from "node:path";
import type { Config } from "../config";
import type { Database } from "./database";
import { migrateToLatest } from "./migrate";
import { openPGlite } from "./pglite";
import { openPostgres } from "./postgres";

/** PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR/pglite; migrated to the latest schema. */
export async function openDatabase(
  config: Pick<Config, "databaseUrl" | "dataDir">,
): Promise<Database> {
  const database = config.databaseUrl
    ? await openPostgres(config.databaseUrl)
    : await openPGlite(join(config.dataDir, "pglite"));
  try {
    await migrateToLatest(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}
