import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TradewireApp } from "../src/app";
import { appServingTerminal, builtTerminal } from "./support/built-terminal";

describe("serving the built terminal at the same origin", () => {
  let app: TradewireApp;
  const dist = builtTerminal();
  beforeAll(async () => {
    app = await appServingTerminal(dist);
  });
  afterAll(() => app.close());

  it("serves index.html at / and the built assets", async () => {
    const index = await app.fastify.inject({ method: "GET", url: "/" });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain("<title>Tradewire</title>");
    const asset = await app.fastify.inject({
      method: "GET",
      url: "/assets/app.js",
    });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["content-type"]).toMatch(/javascript/);
  });

  it("serves a file added after start (a rebuild needs no restart), and 404s a missing asset", async () => {
    writeFileSync(join(dist, "assets", "rebuilt.js"), "console.log('rebuilt')");
    const rebuilt = await app.fastify.inject({
      method: "GET",
      url: "/assets/rebuilt.js",
    });
    expect(rebuilt.statusCode).toBe(200);
    expect(rebuilt.body).toContain("rebuilt");
    const missing = await app.fastify.inject({
      method: "GET",
      url: "/assets/gone.js",
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toMatch(/json/);
  });

  it("answers the app's own routes with index.html and keeps API misses as JSON 404s", async () => {
    expect(
      (await app.fastify.inject({ method: "GET", url: "/chart/AAPL" })).body,
    ).toContain("<title>Tradewire</title>");
    const api = await app.fastify.inject({
      method: "GET",
      url: "/api/v1/nothing",
    });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({
      requestId: expect.any(String) as string,
      code: "NOT_FOUND",
      message: "no route GET /api/v1/nothing",
    });
    expect(
      (await app.fastify.inject({ method: "GET", url: "/health" })).json(),
    ).toMatchObject({ status: "ok" });
  });

  it("keeps misses under the reference pages and the health probes as JSON 404s, not the terminal", async () => {
    for (const url of ["/docs/nothing", "/health/nothing"]) {
      const miss = await app.fastify.inject({ method: "GET", url });
      expect(miss.statusCode, url).toBe(404);
      expect(miss.json(), url).toMatchObject({ code: "NOT_FOUND" });
    }
  });
});
