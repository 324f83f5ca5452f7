import type { FastifyRequest } from "fastify";
import type { Account, AccountDirectory } from "../contracts/accounts";
import { HttpError } from "../http/error-handlers";
import type { JwtAuth } from "./jwt";
import { authenticate } from "./request-auth";

/**
 * The account a REST request acts on: the one its `accountId` names, else the token's, and only
 * if it is one of the caller's own; naming anyone else's answers 404 exactly as a missing one, so
 * ids cannot be probed. 401 without a valid token.
 */
export async function ownedAccount(
  request: FastifyRequest,
  named: string | undefined,
  auth: JwtAuth,
  accounts: AccountDirectory,
): Promise<Account> {
  const caller = await authenticate(request, auth);
  const id = named ?? caller.accountId;
  const owned = (await accounts.accountsOf(caller.userId)).find(
    (a) => a.id === id,
  );
  if (!owned) throw new HttpError(404, "NOT_FOUND", `no account ${id}`);
  return owned;
}
