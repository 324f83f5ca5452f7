import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Answers a request no route matched with the app's index.html, when that is what it is for. */
export type SpaFallback = (
  req: FastifyRequest,
  reply: FastifyReply,
) => FastifyReply | null;

// The API, the health probes, the metrics and the reference pages: a miss there is a JSON 404.
const API_PATHS = /^\/(api\/|health(\/|$)|metrics$|docs(\/|$))/;

/**
 * Serve the built terminal (frontend/dist) at `/`, so one command and one URL run everything.
 * Files are looked up on each request, so a rebuild needs no restart. Returns the fallback that
 * sends index.html for the single-page app's own routes (a GET that is not the API and not a
 * file), or null when there is no build.
 */
export async function serveFrontend(
  app: FastifyInstance,
  distDir: string,
): Promise<SpaFallback | null> {
  if (!existsSync(join(distDir, "index.html"))) return null;
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: "/",
    wildcard: true,
    index: ["index.html"],
  });
  return (req, reply) => {
    const path = req.url.split("?")[0] ?? "";
    if (
      req.method !== "GET" ||
      API_PATHS.test(path) ||
      /\.[a-z0-9]+$/i.test(path)
    )
      return null;
    return reply.sendFile("index.html");
  };
}
