import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpFrom } from "../support/http-from";
import { specFetch, specRequestFetch } from "../support/openapi-conformance";

/**
 * The test helpers hold every response to specs/openapi.yaml. A server that answers off the spec
 * on the spec's own paths proves the hook: each helper must fail the call, naming what is off.
 */
describe("the test helpers' spec check", () => {
  let server: FastifyInstance;
  let url = "";

  beforeAll(async () => {
    server = Fastify();
    // Health without its version: off the Health schema.
    server.get("/health", () => ({ status: "ok", uptimeSeconds: 1 }));
    // A status getMe does not declare.
    server.get("/api/v1/auth/me", (_req, reply) => reply.code(418).send({}));
    // The server time as JSON where the spec declares text/plain.
    server.get("/api/v1/datafeed/time", () => ({ time: 1 }));
    // A route the spec does not have, answering 200.
    server.get("/api/v1/extra", () => ({}));
    // In the spec: metrics as declared.
    server.get("/metrics", (_req, reply) =>
      reply.type("text/plain").send("up 1\n"),
    );
    url = await server.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(() => server.close());

  it("fails a body off its schema, an undeclared status, a wrong content type and an unknown operation", async () => {
    await expect(specFetch(`${url}/health`)).rejects.toThrow(
      /GET \/health -> 200: .*must have required property 'version'/,
    );
    await expect(specFetch(`${url}/api/v1/auth/me`)).rejects.toThrow(
      /GET \/api\/v1\/auth\/me -> 418: status not declared for getMe/,
    );
    await expect(specFetch(`${url}/api/v1/datafeed/time`)).rejects.toThrow(
      /content type application\/json is not one of text\/plain/,
    );
    await expect(specFetch(`${url}/api/v1/extra`)).rejects.toThrow(
      /GET \/api\/v1\/extra -> 200: no such operation in the spec/,
    );
  });

  it("fails the same way through the request helper that picks a client address, and the REST client's fetch", async () => {
    await expect(httpFrom("127.0.0.2", `${url}/health`)).rejects.toThrow(
      /REST response outside specs\/openapi.yaml/,
    );
    await expect(
      specRequestFetch(new Request(`${url}/api/v1/auth/me`)),
    ).rejects.toThrow(/status not declared for getMe/);
  });

  it("passes a response that is in the spec, and its HEAD", async () => {
    const res = await specFetch(`${url}/metrics`);
    expect([res.status, res.text]).toEqual([200, "up 1\n"]);
    // HEAD answers as GET does, without the body: held to the GET operation.
    const head = await specFetch(`${url}/metrics`, { method: "HEAD" });
    expect([head.status, head.text]).toEqual([200, ""]);
  });
});
