import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type TradewireApp } from "../src/app";
import { loadConfig } from "../src/config";

describe("meta routes", () => {
  let app: TradewireApp;
  beforeAll(async () => {
    app = await createApp({
      config: loadConfig({
        LOG_LEVEL: "silent",
        JWT_SECRET: "meta-routes-test-secret-0123456789abcdef",
      }),
    });
  });
  afterAll(() => app.close());

  it("/health answers ok once the app is built", async () => {
    const res = await app.fastify.inject({ method: "GET", url: "/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", version: "1.0.0" });
  });

  it("serves the AsyncAPI document it was generated from, with every channel", async () => {
    const res = await app.fastify.inject({
      method: "GET",
      url: "/api/v1/asyncapi.json",
    });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{
      asyncapi: string;
      channels: Record<string, { address: string }>;
    }>();
    expect(doc.asyncapi).toBe("3.0.0");
    expect(Object.keys(doc.channels)).toEqual([
      "bars",
      "quotes",
      "orders",
      "positions",
      "executions",
      "equity",
      "brokerConnection",
      "indicators",
      "alerts",
      "alertEvents",
      "jobs",
      "system",
    ]);
    expect(new Set(Object.values(doc.channels).map((c) => c.address))).toEqual(
      new Set(["/api/v1/ws"]),
    );
  });

  it("serves the OpenAPI document with shared schemas inlined", async () => {
    const res = await app.fastify.inject({
      method: "GET",
      url: "/api/v1/openapi.json",
    });
    const doc = res.json<{
      openapi: string;
      components: { schemas: Record<string, unknown> };
    }>();
    expect(doc.openapi).toBe("3.1.0");
    expect(JSON.stringify(doc)).not.toContain("./schemas/");
    expect(doc.components.schemas).toHaveProperty("Order");
    expect(doc.components.schemas).toHaveProperty("Bar");
  });
});

describe("REST errors", () => {
  let app: TradewireApp;
  beforeAll(async () => {
    app = await createApp({
      config: loadConfig({
        LOG_LEVEL: "silent",
        JWT_SECRET: "meta-routes-test-secret-0123456789abcdef",
      }),
    });
  });
  afterAll(() => app.close());

  it("answers an unknown route with 404 and the ErrorBody shape", async () => {
    const res = await app.fastify.inject({
      method: "GET",
      url: "/api/v1/nothing?x=1",
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      requestId: expect.any(String) as string,
      code: "NOT_FOUND",
      message: "no route GET /api/v1/nothing",
    });
  });
});
