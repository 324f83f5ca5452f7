import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import {
  ASYNCAPI_DOCUMENT,
  OPENAPI_DOCUMENT,
} from "../../generated/spec-documents";
import { renderAsyncApiPage } from "./asyncapi-page";
import { DOCS_STYLESHEET } from "./docs-stylesheet";
import { renderLandingPage } from "./landing-page";
import { REST_INIT_SCRIPT, renderRestPage } from "./rest-page";

const SWAGGER_UI_DIR = dirname(
  createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"),
);

/** A file a docs page loads: our own text, or one of the pinned Swagger UI build's files. */
type Asset =
  | { readonly type: string; readonly text: string }
  | { readonly type: string; readonly file: string };

const ASSETS: Readonly<Record<string, Asset>> = {
  "docs.css": { type: "text/css; charset=utf-8", text: DOCS_STYLESHEET },
  "rest-init.js": {
    type: "text/javascript; charset=utf-8",
    text: REST_INIT_SCRIPT,
  },
  "swagger-ui.css": {
    type: "text/css; charset=utf-8",
    file: join(SWAGGER_UI_DIR, "swagger-ui.css"),
  },
  "swagger-ui-bundle.js": {
    type: "text/javascript; charset=utf-8",
    file: join(SWAGGER_UI_DIR, "swagger-ui-bundle.js"),
  },
  "favicon.png": {
    type: "image/png",
    file: join(SWAGGER_UI_DIR, "favicon-32x32.png"),
  },
};

function html(reply: FastifyReply, page: string): FastifyReply {
  return reply.type("text/html; charset=utf-8").send(page);
}

/**
 * The reference pages: `/docs`, `/docs/rest` (Swagger UI) and `/docs/ws` (the AsyncAPI document
 * rendered here), with their assets under `/docs/assets/`. Everything is served by this server,
 * so the pages work offline and under the site's unchanged CSP (no inline script or style:
 * Swagger UI sets its styles through the CSSOM, which the policy allows). Pages are rendered
 * once, from the bundled documents; they are HTML for people, not operations of the API, so
 * openapi.yaml does not list them.
 */
export function registerDocsRoutes(app: FastifyInstance): void {
  const landing = renderLandingPage(OPENAPI_DOCUMENT, ASYNCAPI_DOCUMENT);
  const rest = renderRestPage();
  const ws = renderAsyncApiPage(ASYNCAPI_DOCUMENT);
  const files = new Map<string, Buffer>();

  app.get("/docs", (_req, reply) => html(reply, landing));
  app.get("/docs/rest", (_req, reply) => html(reply, rest));
  app.get("/docs/ws", (_req, reply) => html(reply, ws));
  app.get<{ Params: { name: string } }>(
    "/docs/assets/:name",
    async (req, reply) => {
      const asset = Object.hasOwn(ASSETS, req.params.name)
        ? ASSETS[req.params.name]
        : undefined;
      if (!asset) return reply.callNotFound();
      reply.type(asset.type).header("cache-control", "public, max-age=3600");
      if ("text" in asset) return reply.send(asset.text);
      let body = files.get(asset.file);
      if (!body) {
        body = await readFile(asset.file);
        files.set(asset.file, body);
      }
      return reply.send(body);
    },
  );
}
