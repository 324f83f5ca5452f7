/**
 * The one implementation of topic naming, shared by backend, frontend and client:
 * `<route>:` + canonical JSON of the params with defaults applied. Pinned by
 * specs/test-vectors/topics.json.
 */
export function buildTopic(
  route: string,
  params: object,
  defaults: Readonly<Record<string, unknown>> = {},
): string {
  return `${route}:${canonicalJson({ ...defaults, ...definedEntries(params) })}`;
}

/**
 * JSON with object keys sorted recursively (by UTF-16 code units, as Array.prototype.sort does),
 * arrays in order, no whitespace, and strings and numbers written exactly as JSON.stringify writes
 * them. Properties whose value is `undefined` are left out. Non-finite numbers and values JSON
 * cannot hold are rejected rather than silently turned into `null`.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value))
        throw new TypeError(`cannot put ${value} in a topic`);
      return JSON.stringify(value);
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(",")}]`;
      const entries = Object.entries(definedEntries(value)).sort(([a], [b]) =>
        a < b ? -1 : a > b ? 1 : 0,
      );
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
    }
    default:
      throw new TypeError(`cannot put a ${typeof value} in a topic`);
  }
}

function definedEntries(value: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out;
}
