import { sql, type Kysely, type Migration } from "kysely";

export const datafeedTables: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("symbols")
      .addColumn("ticker", "text", (c) => c.primaryKey())
      .addColumn("info", "jsonb", (c) => c.notNull())
      .addColumn("updated_at", "timestamptz", (c) =>
        c.notNull().defaultTo(sql`now()`),
      )
      .execute();
    // The primary key (symbol, minute) is the index range queries use.
    await db.schema
      .createTable("bars_1m")
      .addColumn("symbol", "text", (c) => c.notNull())
      .addColumn("minute", "integer", (c) => c.notNull())
      .addColumn("open", "double precision", (c) => c.notNull())
      .addColumn("high", "double precision", (c) => c.notNull())
      .addColumn("low", "double precision", (c) => c.notNull())
      .addColumn("close", "double precision", (c) => c.notNull())
      .addColumn("volume", "double precision", (c) => c.notNull())
      .addColumn("vwap", "double precision", (c) => c.notNull())
      .addColumn("trades", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("bars_1m_pkey", ["symbol", "minute"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("bars_1m").execute();
    await db.schema.dropTable("symbols").execute();
  },
};
