import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/**
 * Serve the built terminal (frontend/dist) at `/`, so one command and one URL run everything.
 * Paths under /api, /health and /metrics stay the API's; any other unknown GET gets index.html,
 * letting the single-page app handle its own routes. Returns false when there is no build.
 */
export async function serveFrontend(
  app: FastifyInstance,
  distDir: string,
): Promise<boolean> {
  if (!existsSync(join(distDir, "index.html"))) return false;
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: "/",
    wildcard: false,
    index: ["index.html"],
  });
  app.get("/*", (req, reply) => {
    const path = req.url.split("?")[0] ?? "";
    if (path.startsWith("/api/") || path === "/health" || path === "/metrics") {
      return reply
        .code(404)
        .send({ code: "NOT_FOUND", message: `no route GET ${path}` });
    }
    return reply.sendFile("index.html");
  });
  return true;
}
