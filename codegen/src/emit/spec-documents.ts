import type { JsonObject } from "../bundle";

/** The bundled specs the server was generated from, served at /api/v1/asyncapi.json and /openapi.json. */
export function emitSpecDocuments(
  asyncapi: JsonObject,
  openapi: JsonObject,
): string {
  return `export const ASYNCAPI_DOCUMENT: Record<string, unknown> = ${JSON.stringify(asyncapi)};

export const OPENAPI_DOCUMENT: Record<string, unknown> = ${JSON.stringify(openapi)};
`;
}
