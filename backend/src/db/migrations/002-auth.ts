import { sql, type Kysely, type Migration } from "kysely";

export const authTables: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("users")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("username", "text", (c) => c.notNull().unique())
      .addColumn("display_name", "text", (c) => c.notNull())
      .addColumn("password_hash", "text", (c) => c.notNull())
      .addColumn("created_at", "timestamptz", (c) =>
        c.notNull().defaultTo(sql`now()`),
      )
      .execute();
    await db.schema
      .createTable("accounts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("currency", "text", (c) => c.notNull())
      .addColumn("starting_balance", "double precision", (c) => c.notNull())
      .addColumn("position", "integer", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("accounts_user_idx")
      .on("accounts")
      .columns(["user_id", "position"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("accounts").execute();
    await db.schema.dropTable("users").execute();
  },
};
