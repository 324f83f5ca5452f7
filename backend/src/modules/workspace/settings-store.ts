import type { Database } from "../../db/database";
import type { UserSettings } from "./model";
import { settingsWithDefaults } from "./settings-defaults";
import { lockUser } from "./user-lock";

/** One settings document per user. */
export class SettingsStore {
  constructor(private readonly database: Database) {}

  /** The user's settings, defaults filled in (all defaults for a user who never saved any). */
  async get(userId: string): Promise<UserSettings> {
    const row = await this.database.db
      .selectFrom("user_settings")
      .select("settings")
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return settingsWithDefaults(
      row ? (JSON.parse(row.settings) as Partial<UserSettings>) : {},
    );
  }

  /** Replace the document; what is left out takes its default. Answers it as stored. */
  async replace(
    userId: string,
    input: Partial<UserSettings>,
    now: number,
  ): Promise<UserSettings> {
    const settings = settingsWithDefaults(input);
    const text = JSON.stringify(settings);
    // Under the user's lock: a user removed since their token was issued answers 401, not a
    // foreign-key failure.
    await this.database.db.transaction().execute(async (trx) => {
      await lockUser(trx, userId);
      await trx
        .insertInto("user_settings")
        .values({ user_id: userId, settings: text, updated_at: now })
        .onConflict((oc) =>
          oc.column("user_id").doUpdateSet({ settings: text, updated_at: now }),
        )
        .execute();
    });
    return settings;
  }
}
