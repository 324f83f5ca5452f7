import type { components } from "@tradewire/client";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { JwtAuth } from "../../auth/jwt";
import { authenticate } from "../../auth/request-auth";
import { requestToken, TOKEN_COOKIE } from "../../auth/request-token";
import { REST_ROUTES } from "../../generated/rest-routes";
import { HttpError } from "../../http/error-handlers";
import type { ConnectionAuth } from "../../auth/identity";
import type { LoginGuard } from "./login-guard";
import { verifyPassword } from "./passwords";
import type { UserRecord, UserStore } from "./user-store";

type LoginRequest = components["schemas"]["LoginRequest"];

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

  app.route({
    ...REST_ROUTES.login,
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const { username, password } = req.body as LoginRequest;
      const found = await guard.attempt(req.ip, username, () =>
        checkPassword(users, username, password),
      );
      if (!found)
        throw new HttpError(401, "UNAUTHORIZED", "wrong username or password");
      const accounts = await users.accountsOf(found.id);
      const account = accounts[0];
      if (!account)
        throw new HttpError(401, "UNAUTHORIZED", "this user has no account");
      const { token, expiresAt } = await auth.sign({
        userId: found.id,
        accountId: account.id,
      });
      reply.header("set-cookie", cookie(req, token, auth.ttlSeconds));
      return {
        token,
        expiresAt,
        user: {
          id: found.id,
          username: found.username,
          displayName: found.displayName,
        },
        accountId: account.id,
      };
    },
  });

  app.route({
    ...REST_ROUTES.logout,
    handler: async (req, reply) => {
      const token = requestToken(req);
      // A token that is already invalid, expired or revoked has nothing left to revoke.
      const session =
        token === null ? null : await auth.verify(token).catch(() => null);
      if (session) await endSession(session);
      return reply
        .header("set-cookie", cookie(req, "", 0))
        .code(204)
        .send();
    },
  });

  app.route({
    ...REST_ROUTES.getMe,
    handler: async (req: FastifyRequest) => {
      const caller = await authenticate(req, auth);
      const user = await users.byId(caller.userId);
      if (!user)
        throw new HttpError(401, "UNAUTHORIZED", "the user no longer exists");
      return {
        user: {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
        },
        accountId: caller.accountId,
        accounts: await users.accountsOf(user.id),
      };
    },
  });
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
