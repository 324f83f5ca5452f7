import type { FastifyInstance } from "fastify";

export const INSTANCE_HEADER = "x-tradewire-instance";

/** What a header value may carry; an id outside it is left out rather than mangled. */
const HEADER_SAFE = /^[\x21-\x7e]{1,128}$/;

/**
 * `X-Tradewire-Instance` on every answer (routes, errors, 404s) so an operator behind a load
 * balancer can see which instance served a request. The socket's 101 is written by `ws`, not by
 * Fastify, so the WebSocket adapter adds the header there (see adapters/fastify-ws.ts).
 */
export function registerInstanceHeader(
  app: FastifyInstance,
  instanceId: string,
): void {
  if (!instanceHeaderSafe(instanceId)) {
    app.log.warn(
      { instanceId },
      "instance id is not a valid header value; X-Tradewire-Instance is not sent",
    );
    return;
  }
  app.addHook("onRequest", (_req, reply, done) => {
    void reply.header(INSTANCE_HEADER, instanceId);
    done();
  });
}

export function instanceHeaderSafe(instanceId: string): boolean {
  return HEADER_SAFE.test(instanceId);
}
