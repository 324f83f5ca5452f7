import type { FastifyInstance, FastifyRequest } from "fastify";
import {
  REST_ROUTES,
  type RestContracts,
  type RestOperationId,
} from "../generated/rest-routes";
import { inRequestSpan } from "./request-span";
import { describeValidation } from "./validation-errors";

/** Operation `K`'s request parts as Fastify's route generic: its schemas validate them. */
interface RouteOf<K extends RestOperationId> {
  Params: RestContracts[K]["params"];
  Querystring: RestContracts[K]["query"];
  Body: RestContracts[K]["body"];
}

/**
 * What a handler of operation `K` is given: the request parts as the spec declares them (typed
 * through Fastify's own request type, so the validated request reaches the handler uncast).
 */
export interface RestContext<K extends RestOperationId> {
  readonly params: FastifyRequest<RouteOf<K>>["params"];
  readonly query: FastifyRequest<RouteOf<K>>["query"];
  readonly body: FastifyRequest<RouteOf<K>>["body"];
  /** The raw request, for what the contract does not carry: the caller's address, token, log. */
  readonly request: FastifyRequest;
}

/** One answer operation `K` declares: a status and its body (and headers to set). */
export type RestReply<K extends RestOperationId> = RestContracts[K]["reply"];

export type RestHandler<K extends RestOperationId> = (
  context: RestContext<K>,
) => RestReply<K> | Promise<RestReply<K>>;

export interface RestRouteOptions<K extends RestOperationId> {
  /**
   * Answer a request that fails the route schema with one of the operation's own replies (the
   * UDF endpoints answer `{s: "error"}`); without it the app's error handler answers ErrorBody.
   */
  readonly onInvalid?: (
    problem: { field?: string; message: string },
    request: FastifyRequest,
  ) => RestReply<K>;
  /**
   * Serialize a JSON body with this instead of the response schema's serializer (for a body too
   * large for fast-json-stringify's per-number formatting, such as 10k bars of history).
   */
  readonly serialize?: (body: unknown) => string;
  /** A body limit of the route's own instead of the app's (HTTP_MAX_BODY_BYTES). */
  readonly bodyLimit?: number;
}

/**
 * Bind the handler of one OpenAPI operation: method, URL and schemas come from the spec, the
 * handler's params, query and body are typed from it, and it can only answer a declared status
 * with the body declared for that status. Errors it throws go to the app's error handler.
 */
export function restRoute<K extends RestOperationId>(
  app: FastifyInstance,
  operationId: K,
  handler: RestHandler<K>,
  options: RestRouteOptions<K> = {},
): void {
  const definition = REST_ROUTES[operationId];
  app.route<RouteOf<K>>({
    ...definition,
    ...(options.onInvalid ? { attachValidation: true } : {}),
    ...(options.bodyLimit !== undefined
      ? { bodyLimit: options.bodyLimit }
      : {}),
    handler: async (request, reply) => {
      const answer: RestReply<K> =
        request.validationError && options.onInvalid
          ? options.onInvalid(
              describeValidation(request.validationError),
              request,
            )
          : await inRequestSpan(request, () =>
              handler({
                params: request.params,
                query: request.query,
                body: request.body,
                request,
              }),
            );
      const { status, body, headers } = answer;
      const type = definition.responseTypes[String(status)];
      void reply.code(status);
      if (type && type !== "application/json") void reply.type(type);
      if (headers) void reply.headers(headers);
      // Error answers skip it: they are small, and the app's hooks stamp their requestId.
      if (
        body !== undefined &&
        options.serialize &&
        status < 400 &&
        type === "application/json"
      )
        return reply
          .type("application/json; charset=utf-8")
          .send(options.serialize(body));
      return reply.send(body);
    },
  });
}
