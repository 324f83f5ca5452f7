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
      for (const [status, raw] of Object.entries(
        isObject(op.responses) ? op.responses : {},
      )) {
        const s = jsonSchemaOf(resolve(bundled, raw));
        if (s) response[status] = s;
      }
      if (Object.keys(response).length) schema.response = response;
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        url: path.replace(/\{(\w+)\}/g, ":$1"),
        schema: refsToRegistry(schema) as JsonObject,
      });
    }
  }
  return operations.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

/** The route definitions of `restOperations` as a TypeScript module, keyed by operationId. */
export function emitRestRoutes(bundled: JsonObject): string {
  const operations = restOperations(bundled);
  return `export type RestOperationId =
${operations.map((o) => `  | ${literal(o.operationId)}`).join("\n")};

export interface RestRouteDefinition {
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH";
  readonly url: string;
  readonly schema: Readonly<Record<string, unknown>>;
}

/** Every REST operation of the OpenAPI spec, keyed by operationId, as a Fastify route definition. */
export const REST_ROUTES: { readonly [K in RestOperationId]: RestRouteDefinition } = {
${operations
  .map(
    (o) =>
      `  ${o.operationId}: { method: ${literal(o.method)}, url: ${literal(o.url)}, schema: ${JSON.stringify(o.schema)} },`,
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
