import type { FastifyInstance, FastifyRequest } from "fastify";
import type { JwtAuth } from "../../auth/jwt";
import { authenticate } from "../../auth/request-auth";
import { requestToken, TOKEN_COOKIE } from "../../auth/request-token";
import { HttpError } from "../../http/error-handlers";
import { restRoute } from "../../http/rest-route";
import type { ConnectionAuth } from "../../auth/identity";
import type { LoginGuard } from "./login-guard";
import { verifyPassword } from "./passwords";
import type { UserRecord, UserStore } from "./user-store";

/** A hash to compare against when the username is unknown, so both failures take as long. */
const DECOY_HASH =
  "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

export interface AuthRouteDeps {
  readonly users: UserStore;
  readonly auth: JwtAuth;
  readonly guard: LoginGuard;
  /** Revoke a session everywhere: stored, refused by the verifier, its sockets closed. */
  readonly endSession: (session: ConnectionAuth) => Promise<void>;
}

export function registerAuthRoutes(
  app: FastifyInstance,
  deps: AuthRouteDeps,
): void {
  const { users, auth, guard, endSession } = deps;

  restRoute(app, "login", async ({ body, request }) => {
    const { username, password } = body;
    const found = await guard.attempt(request.ip, username, () =>
      checkPassword(users, username, password),
    );
    if (!found)
      throw new HttpError(401, "UNAUTHORIZED", "wrong username or password");
    const accounts = await users.accountsOf(found.id);
    const account = accounts[0];
    if (!account)
      throw new HttpError(401, "UNAUTHORIZED", "this user has no account");
    return issueSession(request, found, account.id);
  });

  // The new token is issued before the old one is revoked, so a revocation that fails (the
  // database is down: 503) leaves the caller the session they had.
  restRoute(app, "switchAccount", async ({ body, request }) => {
    const caller = await authenticate(request, auth);
    const user = await users.byId(caller.userId);
    if (!user)
      throw new HttpError(401, "UNAUTHORIZED", "the user no longer exists");
    const owned = (await users.accountsOf(user.id)).some(
      (a) => a.id === body.accountId,
    );
    if (!owned)
      throw new HttpError(
        404,
        "NOT_FOUND",
        `no account ${body.accountId}`,
        "accountId",
      );
    const answer = await issueSession(request, user, body.accountId);
    await endSession(caller);
    return answer;
  });

  restRoute(app, "logout", async ({ request }) => {
    const token = requestToken(request);
    // A token that is already invalid, expired or revoked has nothing left to revoke.
    const session =
      token === null ? null : await auth.verify(token).catch(() => null);
    if (session) await endSession(session);
    return { status: 204, headers: { "set-cookie": cookie(request, "", 0) } };
  });

  restRoute(app, "getMe", async ({ request }) => {
    const caller = await authenticate(request, auth);
    const user = await users.byId(caller.userId);
    if (!user)
      throw new HttpError(401, "UNAUTHORIZED", "the user no longer exists");
    return {
      status: 200,
      body: {
        user: {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
        },
        accountId: caller.accountId,
        accounts: await users.accountsOf(user.id),
      },
    };
  });

  /** A token for the user acting on the account, as the answer and the `tw_token` cookie. */
  async function issueSession(
    request: FastifyRequest,
    user: UserRecord,
    accountId: string,
  ) {
    const { token, expiresAt } = await auth.sign({
      userId: user.id,
      accountId,
    });
    return {
      status: 200 as const,
      headers: { "set-cookie": cookie(request, token, auth.ttlSeconds) },
      body: {
        token,
        expiresAt,
        user: {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
        },
        accountId,
      },
    };
  }
}

/** The user when the password is theirs; an unknown name costs one hash all the same. */
async function checkPassword(
  users: UserStore,
  username: string,
  password: string,
): Promise<UserRecord | null> {
  const user = await users.byUsername(username);
  const ok = await verifyPassword(password, user?.passwordHash ?? DECOY_HASH);
  return user && ok ? user : null;
}

/**
 * HttpOnly so page scripts never see the token. SameSite=Strict: no other site, not even a link
 * followed from one, makes the browser send it; the terminal's page itself needs no cookie to
 * load, and its own API and socket requests are same-site.
 */
function cookie(
  req: FastifyRequest,
  token: string,
  maxAgeSeconds: number,
): string {
  const secure = req.protocol === "https" ? "; Secure" : "";
  return `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}
