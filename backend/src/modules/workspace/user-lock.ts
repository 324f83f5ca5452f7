import type { Transaction } from "kysely";
import type { DatabaseSchema } from "../../db/schema";
import { HttpError } from "../../http/error-handlers";

/**
 * Lock the user's row for the rest of the transaction, so that a count and the write that depends
 * on it (the 20th list, deleting the last one, creating `Main` on a first read) cannot interleave
 * with another request of the same user on any instance. NO KEY UPDATE does not block the rows
 * that only reference the user. 401 when the user has gone since the token was issued.
 */
export async function lockUser(
  trx: Transaction<DatabaseSchema>,
  userId: string,
): Promise<void> {
  const row = await trx
    .selectFrom("users")
    .select("id")
    .where("id", "=", userId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!row)
    throw new HttpError(401, "UNAUTHORIZED", "the user no longer exists");
}
