import { PGlite } from "@electric-sql/pglite";
import { Kysely } from "kysely";
import { toCsv, type Database } from "./database";
import { ownerOnly } from "./owner-only";
import { PGliteDialect } from "./pglite-dialect";
import type { DatabaseSchema } from "./schema";

/**
 * The embedded database: PGlite in `dataDir` (created when missing), or in memory when null.
 * The folder and everything in it are owner-only. The process umask covers the files Postgres
 * creates as it runs, but PGlite sets modes of its own on some (0666 on the initial database it
 * unpacks, 0644 on the relation cache files), so the folder is tightened before it opens, once it
 * is ready and after it closes.
 */
export async function openPGlite(dataDir: string | null): Promise<Database> {
  const tighten = () => {
    if (dataDir !== null) ownerOnly(dataDir, true);
  };
  tighten();
  const pglite = dataDir === null ? new PGlite() : new PGlite(dataDir);
  await pglite.waitReady;
  tighten();
  const db = new Kysely<DatabaseSchema>({ dialect: new PGliteDialect(pglite) });
  return {
    kind: "pglite",
    db,
    async copyRows(table, columns, rows) {
      if (rows.length === 0) return;
      // Through Kysely's connection queue, so a COPY never interleaves with a transaction.
      await db.connection().execute(async () => {
        await pglite.query(
          `COPY ${table} (${columns.join(", ")}) FROM '/dev/blob' WITH (FORMAT csv)`,
          [],
          {
            blob: new Blob([toCsv(rows)]),
          },
        );
      });
    },
    async copyOutBinary(select) {
      const result = await db
        .connection()
        .execute(() =>
          pglite.query(`COPY (${select}) TO '/dev/blob' WITH (FORMAT binary)`),
        );
      if (!result.blob) throw new Error("PGlite returned no COPY output");
      return Buffer.from(await result.blob.arrayBuffer());
    },
    close: async () => {
      await db.destroy();
      tighten();
    },
  };
}
