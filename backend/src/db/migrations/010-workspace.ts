import type { Kysely, Migration } from "kysely";

/**
 * The trader's workspace per user (not per account, so it follows the user whichever account they
 * act on): one settings document, named watchlists kept in creation order by `seq`, and the
 * drawings of each symbol's chart. Documents are JSON text, as the spec's schemas shape them.
 * They are worth nothing without their user, so removing a user removes them.
 */
export const workspaceTables: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("user_settings")
      .addColumn("user_id", "text", (c) =>
        c.primaryKey().references("users.id").onDelete("cascade"),
      )
      .addColumn("settings", "text", (c) => c.notNull())
      .addColumn("updated_at", "double precision", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("watchlists")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) =>
        c.notNull().references("users.id").onDelete("cascade"),
      )
      .addColumn("seq", "integer", (c) =>
        c.notNull().generatedAlwaysAsIdentity(),
      )
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("symbols", "text", (c) => c.notNull())
      .addColumn("created_at", "double precision", (c) => c.notNull())
      .addColumn("updated_at", "double precision", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("watchlists_user_seq_idx")
      .on("watchlists")
      .columns(["user_id", "seq"])
      .execute();
    await db.schema
      .createTable("drawings")
      .addColumn("user_id", "text", (c) =>
        c.notNull().references("users.id").onDelete("cascade"),
      )
      .addColumn("symbol", "text", (c) => c.notNull())
      .addColumn("drawings", "text", (c) => c.notNull())
      .addColumn("updated_at", "double precision", (c) => c.notNull())
      .addPrimaryKeyConstraint("drawings_pkey", ["user_id", "symbol"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ["drawings", "watchlists", "user_settings"])
      await db.schema.dropTable(table).execute();
  },
};
