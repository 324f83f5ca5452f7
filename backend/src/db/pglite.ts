import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely } from "kysely";
import { toCsv, type Database } from "./database";
import { PGliteDialect } from "./pglite-dialect";
import type { DatabaseSchema } from "./schema";

/** The embedded database: PGlite in `dataDir` (created when missing), or in memory when null. */
export async function openPGlite(dataDir: string | null): Promise<Database> {
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true });
  const pglite = dataDir === null ? new PGlite() : new PGlite(dataDir);
  await pglite.waitReady;
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
    close: () => db.destroy(),
  };
}
