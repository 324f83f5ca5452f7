import { SESSIONS_CHANNEL, type SessionEnded } from "../../auth/sessions";
import type { ModuleContext, TradewireModule } from "../module";
import { registerAuthRoutes } from "./auth-routes";
import { DEMO_USERS } from "./demo-users";
import { LoginGuard } from "./login-guard";
import { RevokedTokens } from "./revoked-tokens";
import { SessionChecks } from "./session-checks";
import { UserStore } from "./user-store";

/**
 * Users, accounts, login and logout: issues the JWTs the other modules and the socket accept,
 * keeps the deny-list of revoked ones, and checks open sockets' sessions.
 */
export function authModule(ctx: ModuleContext): TradewireModule<UserStore> {
  if (!ctx.database) throw new Error("the auth module needs a database");
  const users = new UserStore(ctx.database);
  const revoked = new RevokedTokens(ctx.database, ctx.auth.denyList, ctx.clock);
  const guard = new LoginGuard(
    ctx.config.login,
    ctx.clock,
    ctx.log,
    ctx.registry,
  );
  let stopListening: (() => Promise<void>) | null = null;
  return {
    name: "auth",
    service: users,
    sessionGuard: new SessionChecks(users, revoked, ctx.clock),
    registerRoutes: (app) =>
      registerAuthRoutes(app, {
        users,
        auth: ctx.auth,
        guard,
        endSession: async (session) => {
          await revoked.revoke(session);
          const ended: SessionEnded = {
            kind: "token-revoked",
            tokenId: session.tokenId,
          };
          await ctx.bus.publish(SESSIONS_CHANNEL, ended);
        },
      }),
    wsRouters: () => [],
    async start() {
      const inForce = await revoked.load();
      // A logout on another instance: its row is in the shared database; refuse it here too
      // until it could have expired at the latest.
      stopListening = await ctx.bus.subscribe(SESSIONS_CHANNEL, (message) => {
        const ended = message as SessionEnded;
        if (ended.kind === "token-revoked" && !revoked.isRevoked(ended.tokenId))
          revoked.revokedElsewhere(
            ended.tokenId,
            ctx.clock.now() + ctx.auth.ttlSeconds * 1000,
          );
      });
      const created = await users.seed(DEMO_USERS);
      if (created.length > 0)
        ctx.log.info({ users: created }, "demo users created");
      if (inForce > 0)
        ctx.log.info({ revokedTokens: inForce }, "deny-list loaded");
    },
    stop: async () => {
      await stopListening?.();
    },
  };
}
