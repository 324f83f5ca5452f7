import type { Database } from "../../db/database";
import type { Drawing } from "./model";
import { lockUser } from "./user-lock";

/** The drawings of each user on each symbol's chart, one row per user and symbol. */
export class DrawingStore {
  constructor(private readonly database: Database) {}

  async get(userId: string, symbol: string): Promise<Drawing[]> {
    const row = await this.database.db
      .selectFrom("drawings")
      .select("drawings")
      .where("user_id", "=", userId)
      .where("symbol", "=", symbol)
      .executeTakeFirst();
    return row ? (JSON.parse(row.drawings) as Drawing[]) : [];
  }

  /** Replace them all; an empty list removes the row. */
  async replace(
    userId: string,
    symbol: string,
    drawings: readonly Drawing[],
    now: number,
  ): Promise<void> {
    const { db } = this.database;
    if (drawings.length === 0) {
      await db
        .deleteFrom("drawings")
        .where("user_id", "=", userId)
        .where("symbol", "=", symbol)
        .execute();
      return;
    }
    const text = JSON.stringify(drawings);
    // Under the user's lock: a removed user answers 401, not a foreign-key failure.
    await db.transaction().execute(async (trx) => {
      await lockUser(trx, userId);
      await trx
        .insertInto("drawings")
        .values({ user_id: userId, symbol, drawings: text, updated_at: now })
        .onConflict((oc) =>
          oc
            .columns(["user_id", "symbol"])
            .doUpdateSet({ drawings: text, updated_at: now }),
        )
        .execute();
    });
  }
}
