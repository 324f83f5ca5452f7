import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TradewireApp } from "../../src/app";
import {
  CHART_ATTRIBUTION_STYLE_HASH,
  CONTENT_SECURITY_POLICY,
} from "../../src/http/security-headers";
import { appServingTerminal, builtTerminal } from "../support/built-terminal";
import { specFetch } from "../support/openapi-conformance";

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");

const CSP =
  "default-src 'self';base-uri 'self';connect-src 'self';font-src 'self';form-action 'self';" +
  "frame-ancestors 'none';frame-src 'none';img-src 'self' data:;manifest-src 'self';" +
  "object-src 'none';script-src 'self';script-src-attr 'none';" +
  "style-src 'self' 'sha256-3pRED1tOXas1FXFoPb9TGCjmYe9XQsmO9OV23khV2nY=';worker-src 'self'";

describe("the Content-Security-Policy", () => {
  it("allows the chart library's one inline stylesheet by the hash of the installed version's text", () => {
    // The build the terminal bundles, wherever npm placed the package.
    const library = readFileSync(
      [
        join(REPO_ROOT, "frontend/node_modules/lightweight-charts"),
        join(REPO_ROOT, "node_modules/lightweight-charts"),
      ]
        .map((dir) => join(dir, "dist/lightweight-charts.production.mjs"))
        .find((file) => existsSync(file)) ??
        "lightweight-charts is not installed",
      "utf8",
    );
    const css = /innerText\s*=\s*[`"'](a#tv-attr-logo\{[^`"']*)[`"']/.exec(
      library,
    )?.[1];
    expect(css).toMatch(/^a#tv-attr-logo\{/);
    const hash = createHash("sha256")
      .update(css ?? "")
      .digest("base64");
    expect(CHART_ATTRIBUTION_STYLE_HASH).toBe(`'sha256-${hash}'`);
    expect(CONTENT_SECURITY_POLICY["style-src"]).toContain(
      CHART_ATTRIBUTION_STYLE_HASH,
    );
  });
});

describe("security headers on every response", () => {
  let app: TradewireApp;
  let url: string;
  beforeAll(async () => {
    app = await appServingTerminal(builtTerminal());
    url = await app.listen(0, "127.0.0.1");
  });
  afterAll(() => app.close());

  it.each([
    ["the terminal's page", "/", 200],
    ["a single-page route", "/orders/history", 200],
    ["a built asset", "/assets/app.js", 200],
    ["the API", "/health", 200],
    ["the spec", "/api/v1/openapi.json", 200],
    ["a refused request", "/health?verbose=1", 400],
    ["an unknown API route", "/api/v1/nothing-here", 404],
    ["a missing asset", "/assets/gone.js", 404],
  ])("%s", async (_what, path, status) => {
    const res = await specFetch(`${url}${path}`);
    expect(res.status).toBe(status);
    const h = res.headers;
    expect(h.get("content-security-policy")).toBe(CSP);
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("referrer-policy")).toBe("no-referrer");
    expect(h.get("x-frame-options")).toBe("DENY");
    expect(h.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(h.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(h.get("strict-transport-security")).toBe("max-age=15552000");
    expect(h.get("x-powered-by")).toBeNull();
  });
});
