import { type Kysely, type Migration } from "kysely";

/**
 * A version per account, raised by every broker commit: a commit succeeds only if the version is
 * still the one its in-memory book was loaded at (a compare-and-set under the row lock, in the
 * transaction that writes), so instances sharing the database can never both act on one account
 * state. Existing accounts start at 0.
 */
export const brokerVersion: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("account_state")
      .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("account_state").dropColumn("version").execute();
  },
};
