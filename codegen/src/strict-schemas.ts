import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { isObject, type Json, type JsonObject } from "./bundle";
import { SpecError, jsonPath, type SpecProblem } from "./spec-error";

// ajv-formats is CommonJS: depending on the loader its plugin is the default export or its `default`.
const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule })
    .default ?? addFormatsModule;

/** Keywords the OpenAPI 3.1 and AsyncAPI 3.0 schema dialects add to JSON Schema 2020-12. */
const DIALECT_KEYWORDS = ["discriminator", "xml", "externalDocs", "example"];
const REGISTRY_ID = "strict-spec";

/**
 * Compile every schema of a bundled spec with stock Ajv in strict mode, so a YAML slip that turns
 * prose into a key (`description: a, b` in a flow mapping makes `b` a key) or a mis-indented key
 * fails codegen instead of reaching the served document, where stock Ajv would throw on it.
 * Checked: `components.schemas`, and every schema written inline in the document (an OpenAPI
 * `schema`, an AsyncAPI message `payload` or `headers`). Vendor extensions (`x-`) are allowed.
 */
export function checkStrictSchemas(file: string, bundled: JsonObject): void {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addVocabulary(DIALECT_KEYWORDS);
  const components = isObject(bundled.components) ? bundled.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  ajv.addSchema({ $id: REGISTRY_ID, $defs: prepare(schemas) });

  const problems: SpecProblem[] = [];
  const compile = (schema: JsonObject, path: (string | number)[]): void => {
    try {
      ajv.compile(prepare(schema) as JsonObject);
    } catch (err) {
      problems.push({
        file,
        path: jsonPath(path),
        reason: err instanceof Error ? err.message : String(err),
      });
    }
  };
  for (const name of Object.keys(schemas))
    compile({ $ref: `${REGISTRY_ID}#/$defs/${name}` }, [
      "components",
      "schemas",
      name,
    ]);
  const walk = (node: Json, path: (string | number)[]): void => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, [...path, i]));
      return;
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const at = [...path, key];
      if (path.length === 1 && path[0] === "components" && key === "schemas")
        continue;
      if (isSchemaSlot(path, key) && isObject(value)) compile(value, at);
      else walk(value, at);
    }
  };
  walk(bundled, []);
  if (problems.length) throw new SpecError(problems);
}

/** Where a spec holds a schema outside `components.schemas`. */
function isSchemaSlot(path: (string | number)[], key: string): boolean {
  if (key === "schema") return true;
  return (key === "payload" || key === "headers") && path.includes("messages");
}

/** Vendor extensions dropped, component references pointed into the registry. */
function prepare(node: Json): Json {
  if (Array.isArray(node)) return node.map(prepare);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith("x-")) continue;
    out[k] =
      k === "$ref" && typeof v === "string"
        ? v.replace(/^#\/components\/schemas\//, `${REGISTRY_ID}#/$defs/`)
        : prepare(v);
  }
  return out;
}
