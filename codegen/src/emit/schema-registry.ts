import { isObject, type Json, type JsonObject } from "../bundle";

/**
 * Turn `components.schemas` into one JSON Schema document whose `$defs` hold every schema, with
 * references rewritten to `#/$defs/<Name>`, ready for Ajv. Vendor extensions are dropped.
 */
export function schemaRegistry(id: string, schemas: JsonObject): JsonObject {
  return { $id: id, $defs: strip(schemas) };
}

function strip(node: Json): Json {
  if (Array.isArray(node)) return node.map(strip);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith("x-")) continue;
    if (k === "$ref" && typeof v === "string") {
      out[k] = v.replace(/^#\/components\/schemas\//, "#/$defs/");
    } else {
      out[k] = strip(v);
    }
  }
  return out;
}
