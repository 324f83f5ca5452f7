/** A JSON Schema as the bundled documents hold it (plain objects, local `$ref`s). */
export type Schema = Readonly<Record<string, unknown>>;

/** A value of the document read as an object; `{}` when it is not one. */
export function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null
    ? (value as Record<string, unknown>)
    : {};
}

/** A value of the document read as text; `fallback` when it is not a string. */
export function text(value: unknown, fallback = ""): string {
  return typeof value === "string" ? value : fallback;
}

/** Follows a local `$ref` (`#/components/schemas/X`) through the document, to any depth. */
export function resolveSchema(document: Schema, schema: Schema): Schema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === "string"; hops++) {
    if (hops > 32) throw new Error(`$ref cycle at ${current.$ref}`);
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`not a local $ref: ${ref}`);
    let target: unknown = document;
    for (const part of ref.slice(2).split("/"))
      target = (target as Record<string, unknown> | undefined)?.[
        part.replaceAll("~1", "/").replaceAll("~0", "~")
      ];
    if (typeof target !== "object" || target === null)
      throw new Error(`unresolved $ref ${ref}`);
    current = target as Schema;
  }
  return current;
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : undefined;
}

/**
 * A value that satisfies the schema, for the reference pages: the spec's own `examples`, `const`,
 * `default` or first enum member where it gives one, otherwise the smallest value of the type
 * within its bounds; objects carry their required properties. A test validates these against the
 * schemas, so the pages never show a frame the server would refuse.
 */
export function exampleOf(document: Schema, raw: Schema, depth = 0): unknown {
  const schema = resolveSchema(document, raw);
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.examples) && schema.examples.length > 0)
    return schema.examples[0];
  if ("default" in schema) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const variants = firstOf(schema.oneOf) ?? firstOf(schema.anyOf);
  if (variants) return exampleOf(document, variants as Schema, depth + 1);
  if (Array.isArray(schema.allOf))
    return Object.fromEntries(
      schema.allOf.flatMap((part) =>
        Object.entries(record(exampleOf(document, record(part), depth + 1))),
      ),
    );
  const type: unknown = Array.isArray(schema.type)
    ? schema.type[0]
    : schema.type;
  switch (type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      const out: Record<string, unknown> = {};
      if (depth > 12) return out;
      for (const name of required)
        if (properties[name])
          out[name] = exampleOf(document, properties[name], depth + 1);
      return out;
    }
    case "array": {
      const count = Math.max(1, Number(schema.minItems ?? 1));
      const items = (schema.items ?? {}) as Schema;
      return Array.from({ length: count }, () =>
        exampleOf(document, items, depth + 1),
      );
    }
    case "integer":
    case "number": {
      const minimum =
        typeof schema.minimum === "number"
          ? schema.minimum
          : typeof schema.exclusiveMinimum === "number"
            ? schema.exclusiveMinimum + 1
            : 1;
      return minimum;
    }
    case "boolean":
      return true;
    case "null":
      return null;
    case "string":
      if (schema.format === "date-time") return "2026-01-05T14:30:00.000Z";
      return "x".repeat(Math.max(1, Number(schema.minLength ?? 1)));
    default:
      return {};
  }
}
