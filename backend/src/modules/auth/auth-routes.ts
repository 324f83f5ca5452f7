import type { components } from "@tradewire/client";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { JwtAuth } from "../../auth/jwt";
import { authenticate } from "../../auth/request-auth";
import { TOKEN_COOKIE } from "../../auth/request-token";
import { REST_ROUTES } from "../../generated/rest-routes";
import { HttpError } from "../../http/error-handlers";
import { verifyPassword } from "./passwords";
import type { UserStore } from "./user-store";

type LoginRequest = components["schemas"]["LoginRequest"];

/** A hash to compare against when the username is unknown, so both failures take as long. */
const DECOY_HASH =
  "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

export function registerAuthRoutes(
  app: FastifyInstance,
  users: UserStore,
  auth: JwtAuth,
): void {
  app.route({
    ...REST_ROUTES.login,
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const { username, password } = req.body as LoginRequest;
      const user = await users.byUsername(username);
      const ok = await verifyPassword(
        password,
        user?.passwordHash ?? DECOY_HASH,
      );
      if (!user || !ok)
        throw new HttpError(401, "UNAUTHORIZED", "wrong username or password");
      const accounts = await users.accountsOf(user.id);
      const account = accounts[0];
      if (!account)
        throw new HttpError(401, "UNAUTHORIZED", "this user has no account");
      const { token, expiresAt } = await auth.sign({
        userId: user.id,
        accountId: account.id,
      });
      reply.header("set-cookie", cookie(req, token, auth.ttlSeconds));
      return {
        token,
        expiresAt,
        user: {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
        },
        accountId: account.id,
      };
    },
  });

  app.route({
    ...REST_ROUTES.logout,
    handler: async (req, reply) =>
      reply
        .header("set-cookie", cookie(req, "", 0))
        .code(204)
        .send(),
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

/** HttpOnly so page scripts never see the token; SameSite=Lax against cross-site requests. */
function cookie(
  req: FastifyRequest,
  token: string,
  maxAgeSeconds: number,
): string {
  const secure = req.protocol === "https" ? "; Secure" : "";
  return `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}
