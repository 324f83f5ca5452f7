import type { Kysely, Migration } from "kysely";

/**
 * Alert rules per account (the condition as JSON) and the alerts they fired, numbered per account
 * by `sequence`: the `alert-events` channel's replay cursor, unique so a firing is stored once.
 */
export const alertTables: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("alert_rules")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) =>
        c.notNull().references("accounts.id"),
      )
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("condition", "text", (c) => c.notNull())
      .addColumn("repeat", "boolean", (c) => c.notNull())
      .addColumn("cooldown_seconds", "integer", (c) => c.notNull())
      .addColumn("expires_at", "double precision")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("fire_count", "integer", (c) => c.notNull())
      .addColumn("last_fired_at", "double precision")
      .addColumn("created_at", "double precision", (c) => c.notNull())
      .addColumn("updated_at", "double precision", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("alert_rules_account_status_idx")
      .on("alert_rules")
      .columns(["account_id", "status"])
      .execute();
    await db.schema
      .createTable("alert_events")
      .addColumn("account_id", "text", (c) =>
        c.notNull().references("accounts.id"),
      )
      .addColumn("sequence", "integer", (c) => c.notNull())
      .addColumn("alert_id", "text", (c) =>
        c.notNull().references("alert_rules.id"),
      )
      .addColumn("event", "text", (c) => c.notNull())
      .addColumn("fired_at", "double precision", (c) => c.notNull())
      .addPrimaryKeyConstraint("alert_events_pkey", ["account_id", "sequence"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ["alert_events", "alert_rules"])
      await db.schema.dropTable(table).execute();
  },
};
