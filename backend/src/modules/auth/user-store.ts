import type { Account, AccountDirectory } from "../../contracts/accounts";
import type { Database } from "../../db/database";
import { hashPassword } from "./passwords";

export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
}

export interface SeedUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly accounts: readonly {
    id: string;
    name: string;
    currency: string;
    startingBalance: number;
  }[];
}

/** Users and their accounts. */
export class UserStore implements AccountDirectory {
  constructor(private readonly database: Database) {}

  byUsername(username: string): Promise<UserRecord | null> {
    return this.find("username", username);
  }

  byId(id: string): Promise<UserRecord | null> {
    return this.find("id", id);
  }

  private async find(
    column: "id" | "username",
    value: string,
  ): Promise<UserRecord | null> {
    const row = await this.database.db
      .selectFrom("users")
      .selectAll()
      .where(column, "=", value)
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          username: row.username,
          displayName: row.display_name,
          passwordHash: row.password_hash,
        }
      : null;
  }

  async accountsOf(userId: string): Promise<Account[]> {
    const rows = await this.database.db
      .selectFrom("accounts")
      .select(["id", "name", "currency"])
      .where("user_id", "=", userId)
      .orderBy("position")
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, currency: r.currency }));
  }

  /** Whether the user exists and holds the account. */
  async ownsAccount(userId: string, accountId: string): Promise<boolean> {
    const row = await this.database.db
      .selectFrom("accounts")
      .innerJoin("users", "users.id", "accounts.user_id")
      .select("accounts.id")
      .where("accounts.id", "=", accountId)
      .where("accounts.user_id", "=", userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Create the users that do not exist yet (by username); existing ones are left as they are. */
  async seed(users: readonly SeedUser[]): Promise<string[]> {
    const created: string[] = [];
    for (const user of users) {
      if (await this.byUsername(user.username)) continue;
      const passwordHash = await hashPassword(user.password);
      await this.database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto("users")
          .values({
            id: user.id,
            username: user.username,
            display_name: user.displayName,
            password_hash: passwordHash,
          })
          .execute();
        await trx
          .insertInto("accounts")
          .values(
            user.accounts.map((a, position) => ({
              id: a.id,
              user_id: user.id,
              name: a.name,
              currency: a.currency,
              starting_balance: a.startingBalance,
              position,
            })),
          )
          .execute();
      });
      created.push(user.username);
    }
    return created;
  }
}
