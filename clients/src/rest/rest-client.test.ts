import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import type { components } from "../generated/rest-types.js";
import { createRestClient } from "./rest-client.js";

type Me = components["schemas"]["Me"];
type ErrorBody = components["schemas"]["ErrorBody"];

const ME: Me = {
  accountId: "a1",
  accounts: [],
  user: { id: "u1", username: "trader", displayName: "Test Trader" },
};

interface Seen {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly authorization: string | undefined;
}

/** A real HTTP server: /api/v1/auth/me answers 200 with a bearer token, 401 without one. */
async function startApi(): Promise<{ baseUrl: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const { authorization } = request.headers;
    seen.push({ method: request.method, url: request.url, authorization });
    response.setHeader("content-type", "application/json");
    if (authorization?.startsWith("Bearer ")) {
      response.end(JSON.stringify(ME));
    } else {
      response.statusCode = 401;
      const body: ErrorBody = { code: "UNAUTHORIZED", message: "log in" };
      response.end(JSON.stringify(body));
    }
  });
  await new Promise<void>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve()),
  );
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, seen };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    await new Promise((resolve) => server.close(resolve));
  }
});

describe("createRestClient", () => {
  it("sends the token as a bearer header and types the response from the spec", async () => {
    const { baseUrl, seen } = await startApi();
    const api = createRestClient({ baseUrl, token: "jwt-1" });
    const { data, error, response } = await api.GET("/api/v1/auth/me");
    expectTypeOf(data).toEqualTypeOf<Me | undefined>();
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expect(data).toEqual(ME);
    expect(seen).toEqual([
      { method: "GET", url: "/api/v1/auth/me", authorization: "Bearer jwt-1" },
    ]);
  });

  it("asks a token function on every request", async () => {
    const { baseUrl, seen } = await startApi();
    const tokens = ["jwt-1", "jwt-2"];
    const api = createRestClient({
      baseUrl,
      token: () => Promise.resolve(tokens.shift()),
    });
    await api.GET("/api/v1/auth/me");
    await api.GET("/api/v1/auth/me");
    expect(seen.map((s) => s.authorization)).toEqual([
      "Bearer jwt-1",
      "Bearer jwt-2",
    ]);
  });

  it("sends no Authorization header without a token and surfaces the typed error body", async () => {
    const { baseUrl, seen } = await startApi();
    const api = createRestClient({ baseUrl });
    const { data, error, response } = await api.GET("/api/v1/auth/me");
    expect(response.status).toBe(401);
    expect(data).toBeUndefined();
    expect(error).toEqual({ code: "UNAUTHORIZED", message: "log in" });
    expect(seen[0]?.authorization).toBeUndefined();
  });

  it("uses the fetch it is given", async () => {
    const requests: string[] = [];
    const api = createRestClient({
      baseUrl: "http://api.test",
      token: "jwt-1",
      fetch: (request) => {
        requests.push(
          `${request.method} ${request.url} ${request.headers.get("authorization")}`,
        );
        return Promise.resolve(Response.json({ status: "ok" }));
      },
    });
    await api.GET("/api/v1/broker/orders", {
      params: { query: { status: 6 } },
    });
    expect(requests).toEqual([
      "GET http://api.test/api/v1/broker/orders?status=6 Bearer jwt-1",
    ]);
  });
});
