import { REST_SCHEMAS } from "@tradewire/client/rest-schemas";
import type { UserSettings } from "./model";

interface Schema {
  readonly $ref?: string;
  readonly allOf?: readonly Schema[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly default?: unknown;
}

const DEFS = REST_SCHEMAS.$defs as Readonly<Record<string, Schema>>;

/** The schema `$ref` names (`#/$defs/Theme`, `tradewire-rest#/$defs/Theme`). */
function target(ref: string): Schema {
  const found = DEFS[ref.slice(ref.lastIndexOf("/") + 1)];
  if (!found) throw new Error(`no schema ${ref}`);
  return found;
}

/** A schema with its `$ref` and `allOf` members merged in: where defaults and properties sit. */
function flatten(schema: Schema): Schema {
  const parts = [
    ...(schema.$ref ? [flatten(target(schema.$ref))] : []),
    ...(schema.allOf ?? []).map(flatten),
    schema,
  ];
  const properties = Object.assign(
    {},
    ...parts.map((p) => p.properties ?? {}),
  ) as Record<string, Schema>;
  const withDefault = parts.findLast((p) => p.default !== undefined);
  return {
    properties,
    ...(withDefault ? { default: withDefault.default } : {}),
  };
}

function withDefaults(schema: Schema, value: unknown): unknown {
  const flat = flatten(schema);
  const filled = value === undefined ? structuredClone(flat.default) : value;
  if (filled === null || typeof filled !== "object" || Array.isArray(filled))
    return filled;
  const object = filled as Record<string, unknown>;
  for (const [name, property] of Object.entries(flat.properties ?? {})) {
    const next = withDefaults(property, object[name]);
    if (next !== undefined) object[name] = next;
  }
  return object;
}

/**
 * Settings with every default the spec gives filled in, read from the spec's own schema. The
 * request validator's `useDefaults` fills only defaults written beside a property, not those of a
 * schema it refers to (`theme: {$ref: Theme}` whose default is on Theme), so it is not enough.
 * `activeWatchlist` has no default and stays absent until set.
 */
export function settingsWithDefaults(
  settings: Partial<UserSettings>,
): UserSettings {
  return withDefaults(
    target("UserSettings"),
    structuredClone(settings),
  ) as UserSettings;
}
