import { join } from "node:path";
import type { Config } from "../config";
import type { Database } from "./database";
import { migrateToLatest } from "./migrate";
import { openPGlite } from "./pglite";
import { ownerOnly } from "./owner-only";
import { openPostgres } from "./postgres";

/**
 * PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR/pglite; migrated to the latest
 * schema. The data folder (the embedded database, the generated signing secret) is made
 * owner-only (0700) either way, and the embedded database's folder with everything in it.
 */
export async function openDatabase(
  config: Pick<Config, "databaseUrl" | "dataDir">,
): Promise<Database> {
  ownerOnly(config.dataDir, false);
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
