import type { FastifyInstance } from "fastify";
import { authenticate } from "../../auth/request-auth";
import { restRoute } from "../../http/rest-route";
import type { WorkspaceRouteDeps } from "./routes-deps";

/** `/api/v1/settings`: one document per user, replaced whole (the last device to save wins). */
export function registerSettingsRoutes(
  app: FastifyInstance,
  { auth, clock, settings }: WorkspaceRouteDeps,
): void {
  restRoute(app, "getSettings", async ({ request }) => {
    const { userId } = await authenticate(request, auth);
    return { status: 200, body: await settings.get(userId) };
  });

  restRoute(app, "replaceSettings", async ({ request, body }) => {
    const { userId } = await authenticate(request, auth);
    return {
      status: 200,
      body: await settings.replace(userId, body, clock.now()),
    };
  });
}
