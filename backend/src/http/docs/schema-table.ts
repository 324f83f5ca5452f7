import { escapeHtml, inlineMarkdown } from "./html";
import { resolveSchema, type Schema } from "./schema-example";

/** A short type name: the referenced schema's title, the enum's members, `array of X`. */
export function typeLabel(document: Schema, raw: Schema): string {
  const ref = typeof raw.$ref === "string" ? raw.$ref : null;
  const schema = resolveSchema(document, raw);
  const title = typeof schema.title === "string" ? schema.title : null;
  const named = ref && title ? `${title}: ` : "";
  if ("const" in schema) return `${named}${JSON.stringify(schema.const)}`;
  if (Array.isArray(schema.enum))
    return `${named}${schema.enum.map((v) => JSON.stringify(v)).join(" | ")}`;
  const type = Array.isArray(schema.type)
    ? schema.type.join(" | ")
    : typeof schema.type === "string"
      ? schema.type
      : "any";
  if (type === "array" && schema.items)
    return `${named}array of ${typeLabel(document, schema.items as Schema)}`;
  return ref && title ? title : type;
}

/** The properties of an object schema as a table: name, type, required, description. */
export function schemaTable(document: Schema, raw: Schema | null): string {
  if (!raw) return "";
  const schema = resolveSchema(document, raw);
  const properties = Object.entries(
    (schema.properties ?? {}) as Record<string, Schema>,
  );
  if (properties.length === 0)
    return `<p class="muted">No fields (${escapeHtml(typeLabel(document, raw))}).</p>`;
  const required = new Set((schema.required ?? []) as string[]);
  const rows = properties.map(([name, property]) => {
    const resolved = resolveSchema(document, property);
    const description =
      typeof property.description === "string"
        ? property.description
        : typeof resolved.description === "string"
          ? resolved.description
          : "";
    const fallback =
      "default" in resolved
        ? ` Default: <code>${escapeHtml(JSON.stringify(resolved.default))}</code>.`
        : "";
    return `<tr><td><code>${escapeHtml(name)}</code></td><td>${escapeHtml(typeLabel(document, property))}</td><td>${required.has(name) ? "yes" : "no"}</td><td>${inlineMarkdown(description)}${fallback}</td></tr>`;
  });
  return `<table><thead><tr><th>Field</th><th>Type</th><th>Required</th><th>Description</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table>`;
}
