import { REST_SCHEMAS } from "@tradewire/client/rest-schemas";
import type { UserSettings_Api_Backend } from "../clients/api-types-generated";

/** The user's settings with every default filled in (the server answers them so too). */
export type Settings = UserSettings_Api_Backend;

interface SchemaWithDefaults {
  readonly properties: Record<
    string,
    { readonly default?: unknown; readonly $ref?: string }
  >;
}

const defs = REST_SCHEMAS.$defs as unknown as Record<
  string,
  SchemaWithDefaults & { readonly default?: unknown }
>;

/** Defaults of a schema's properties, read from the spec (a `$ref` takes its target's default). */
function defaultsOf(name: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(defs[name]?.properties ?? {})) {
    const target = prop.$ref?.replace("#/$defs/", "");
    const value = prop.default ?? (target ? defs[target]?.default : undefined);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The settings a user who never changed one has. */
export function defaultSettings(): Settings {
  return {
    ...defaultsOf("UserSettings"),
    quantities: {},
    panels: defaultsOf("PanelSizes"),
  } as Settings;
}

/** The server's (or simulation's) answer with any missing property set to its default. */
export function toSettings(wire: Partial<UserSettings_Api_Backend>): Settings {
  const base = defaultSettings();
  return {
    ...base,
    ...wire,
    quantities: { ...(wire.quantities ?? {}) },
    panels: { ...base.panels, ...(wire.panels ?? {}) },
  };
}
