import openapiTS, { astToString } from "openapi-typescript";
import { isObject, type Json, type JsonObject } from "../bundle";
import { literal } from "./header";

export const REST_SCHEMA_ID = "tradewire-rest";
/** The body schema of an operation that takes none: nothing but an absent body passes. */
export const NO_BODY: JsonObject = { type: "null" };
const METHODS = ["get", "put", "post", "delete", "patch"] as const;

/** openapi-typescript's `paths`, `components` and `operations` for the whole REST surface. */
export async function emitRestTypes(bundled: JsonObject): Promise<string> {
  const ast = await openapiTS(
    structuredClone(bundled) as unknown as Parameters<typeof openapiTS>[0],
    {
      alphabetize: true,
      exportType: true,
    },
  );
  return astToString(ast);
}

export interface RestOperation {
  operationId: string;
  method: string;
  url: string;
  schema: JsonObject;
  /** Which request parts the operation declares: path parameters, query parameters, a body. */
  declares: { params: boolean; query: boolean; body: boolean };
  /** Status -> the media type of its body, for every declared status that has one. */
  responseTypes: Record<string, string>;
}

/**
 * Every operation as a Fastify route definition: method, URL (with `:param`) and a route schema
 * (querystring, params, body, response) whose references point into the registry with id
 * `tradewire-rest`, which the app registers once with `app.addSchema`. Sorted by operationId.
 */
export function restOperations(bundled: JsonObject): RestOperation[] {
  const operations: RestOperation[] = [];
  for (const [path, rawItem] of Object.entries(
    (bundled.paths as JsonObject | undefined) ?? {},
  )) {
    if (!isObject(rawItem)) continue;
    const shared = Array.isArray(rawItem.parameters) ? rawItem.parameters : [];
    for (const method of METHODS) {
      const op = rawItem[method];
      if (!isObject(op) || typeof op.operationId !== "string") continue;
      const params = [
        ...shared,
        ...(Array.isArray(op.parameters) ? op.parameters : []),
      ].map((p) => resolve(bundled, p));
      // Every operation gets a closed querystring, even one that declares no parameters: an
      // unknown or misspelt parameter (`?token=`, `?acountId=`) is refused, never ignored.
      const schema: JsonObject = {
        querystring: {
          ...objectOf(params.filter((p) => p.in === "query")),
          additionalProperties: false,
        },
      };
      const pathParams = params.filter((p) => p.in === "path");
      if (pathParams.length) schema.params = objectOf(pathParams);
      const body = jsonSchemaOf(resolve(bundled, op.requestBody ?? null));
      if (body) schema.body = body;
      // A body where none is declared is refused, not ignored: `DELETE /positions/BTCUSD` with
      // `{"qty": 1}` must not close the whole position. (Fastify never reads a GET's body.)
      else if (method !== "get") schema.body = NO_BODY;
      const response: JsonObject = {};
      const responseTypes: Record<string, string> = {};
      for (const [status, raw] of Object.entries(
        isObject(op.responses) ? op.responses : {},
      )) {
        const declared = resolve(bundled, raw);
        const s = jsonSchemaOf(declared);
        if (s) response[status] = s;
        const type = mediaTypeOf(declared);
        if (type) responseTypes[status] = type;
      }
      if (Object.keys(response).length) schema.response = response;
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        url: path.replace(/\{(\w+)\}/g, ":$1"),
        schema: refsToRegistry(schema) as JsonObject,
        declares: {
          params: pathParams.length > 0,
          query: params.some((p) => p.in === "query"),
          body: body !== null,
        },
        responseTypes,
      });
    }
  }
  return operations.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

/**
 * The route definitions of `restOperations` as a TypeScript module, keyed by operationId, and the
 * typed contract of each operation (params, query, body and the replies it may answer), built on
 * openapi-typescript's `operations` so a handler bound to it cannot answer off the spec.
 */
export function emitRestRoutes(bundled: JsonObject): string {
  const operations = restOperations(bundled);
  const contract = (o: RestOperation): string => {
    const op = `operations[${literal(o.operationId)}]`;
    return `  readonly ${o.operationId}: {
    readonly params: ${o.declares.params ? `${op}["parameters"]["path"]` : "Record<string, never>"};
    readonly query: ${o.declares.query ? `NonNullable<${op}["parameters"]["query"]>` : "Record<string, never>"};
    readonly body: ${o.declares.body ? `${op}["requestBody"]["content"]["application/json"]` : "undefined"};
    readonly reply: RestReplyOf<${op}["responses"]>;
  };`;
  };
  return `import type { operations } from "@tradewire/client";

export type RestOperationId =
${operations.map((o) => `  | ${literal(o.operationId)}`).join("\n")};

export interface RestRouteDefinition {
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH";
  readonly url: string;
  readonly schema: Readonly<Record<string, unknown>>;
  /** Status -> media type of its body, for every declared status that has one. */
  readonly responseTypes: Readonly<Record<string, string>>;
}

/** The body a declared response carries: its one media type's schema, or nothing. */
type BodyOf<R> = R extends { content: infer C } ? C[keyof C] : undefined;

/**
 * One answer a handler may give: a declared status with the body the spec declares for it (none
 * where it declares none), and headers to set (e.g. \`set-cookie\`, a \`content-type\` with parameters).
 */
export type RestReplyOf<Responses> = {
  [S in keyof Responses & number]: BodyOf<Responses[S]> extends undefined
    ? { readonly status: S; readonly body?: undefined; readonly headers?: Readonly<Record<string, string>> }
    : { readonly status: S; readonly body: BodyOf<Responses[S]>; readonly headers?: Readonly<Record<string, string>> };
}[keyof Responses & number];

/** Every REST operation's request and reply types, keyed by operationId. */
export interface RestContracts {
${operations.map(contract).join("\n")}
}

/** Every REST operation of the OpenAPI spec, keyed by operationId, as a Fastify route definition. */
export const REST_ROUTES: { readonly [K in RestOperationId]: RestRouteDefinition } = {
${operations
  .map(
    (o) =>
      `  ${o.operationId}: { method: ${literal(o.method)}, url: ${literal(o.url)}, schema: ${JSON.stringify(o.schema)}, responseTypes: ${JSON.stringify(o.responseTypes)} },`,
  )
  .join("\n")}
};
`;
}

function resolve(doc: JsonObject, node: Json): JsonObject {
  let current = node;
  for (
    let i = 0;
    i < 10 &&
    isObject(current) &&
    typeof current.$ref === "string" &&
    !current.$ref.startsWith("#/components/schemas/");
    i++
  ) {
    let target: Json | undefined = doc;
    for (const seg of current.$ref.slice(2).split("/"))
      target = isObject(target) ? target[seg] : undefined;
    current = target ?? null;
  }
  return isObject(current) ? current : {};
}

function objectOf(params: JsonObject[]): JsonObject {
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const p of params) {
    const name = typeof p.name === "string" ? p.name : "";
    properties[name] = {
      ...(isObject(p.schema) ? p.schema : {}),
      ...(typeof p.description === "string"
        ? { description: p.description }
        : {}),
    };
    if (p.required === true) required.push(name);
  }
  return {
    type: "object",
    properties,
    ...(required.length ? { required } : {}),
  };
}

function mediaTypeOf(holder: JsonObject): string | null {
  const content = holder.content;
  if (!isObject(content)) return null;
  return (
    ["application/json", "text/plain"].find((t) => t in content) ??
    Object.keys(content)[0] ??
    null
  );
}

function jsonSchemaOf(holder: JsonObject): JsonObject | null {
  const content = holder.content;
  if (!isObject(content)) return null;
  const json = content["application/json"] ?? content["text/plain"];
  return isObject(json) && isObject(json.schema) ? json.schema : null;
}

function refsToRegistry(node: Json): Json {
  if (Array.isArray(node)) return node.map(refsToRegistry);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] =
      k === "$ref" && typeof v === "string"
        ? v.replace(/^#\/components\/schemas\//, `${REST_SCHEMA_ID}#/$defs/`)
        : refsToRegistry(v);
  }
  return out;
}
