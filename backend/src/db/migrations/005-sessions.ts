import type { Kysely, Migration } from "kysely";

/**
 * Tokens revoked by logout, kept until they would have expired anyway (then pruned), so a stolen
 * or logged-out token stays refused across restarts and on every instance.
 */
export const sessionTables: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("revoked_tokens")
      .addColumn("token_id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull())
      .addColumn("expires_at", "double precision", (c) => c.notNull())
      .addColumn("revoked_at", "double precision", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("revoked_tokens_expiry_idx")
      .on("revoked_tokens")
      .column("expires_at")
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("revoked_tokens").execute();
  },
};
