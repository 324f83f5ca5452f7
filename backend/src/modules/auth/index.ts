import type { ModuleFactory } from "../module";
import { registerAuthRoutes } from "./auth-routes";
import { DEMO_USERS } from "./demo-users";
import { UserStore } from "./user-store";

/** Users, accounts, login: issues the JWTs the other modules and the socket accept. */
export function authModule(): ModuleFactory {
  return (ctx) => {
    if (!ctx.database) throw new Error("the auth module needs a database");
    const users = new UserStore(ctx.database);
    return {
      name: "auth",
      service: users,
      registerRoutes: (app) => registerAuthRoutes(app, users, ctx.auth),
      wsRouters: () => [],
      async start() {
        const created = await users.seed(DEMO_USERS);
        if (created.length > 0)
          ctx.log.info({ users: created }, "demo users created");
      },
      stop: () => Promise.resolve(),
    };
  };
}
