import type { Kysely, Migration } from "kysely";

/**
 * Rolls of continuous futures series (`ES1!`), stored when first computed so a restart, even with
 * a longer history, serves the same roll dates and gaps. One row per series, policy, `rollDays`
 * (0 for the volume policy, which ignores it) and roll time; a contract is rolled off once per
 * key, whichever instance computed it first.
 */
export const continuousRolls: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("continuous_rolls")
      .addColumn("series", "text", (c) => c.notNull())
      .addColumn("policy", "text", (c) => c.notNull())
      .addColumn("roll_days", "integer", (c) => c.notNull())
      .addColumn("time", "double precision", (c) => c.notNull())
      .addColumn("trading_day", "double precision", (c) => c.notNull())
      .addColumn("from_contract", "text", (c) => c.notNull())
      .addColumn("to_contract", "text", (c) => c.notNull())
      .addColumn("from_close", "double precision", (c) => c.notNull())
      .addColumn("to_close", "double precision", (c) => c.notNull())
      .addPrimaryKeyConstraint("continuous_rolls_pkey", [
        "series",
        "policy",
        "roll_days",
        "time",
      ])
      .addUniqueConstraint("continuous_rolls_from_key", [
        "series",
        "policy",
        "roll_days",
        "from_contract",
      ])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("continuous_rolls").execute();
  },
};
