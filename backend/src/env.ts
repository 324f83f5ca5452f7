/** A refused configuration value; its message names the variable (main.ts prints it and exits 78). */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`invalid configuration: ${variable} ${reason}`);
    this.name = "ConfigError";
  }
}

/** How each part of the configuration (core, http, every module) reads its environment variables. */
export interface EnvReader {
  /** The variable as set, undefined when unset. */
  readonly raw: (name: string) => string | undefined;
  /** An integer within bounds; `fallback` when unset or empty. */
  readonly int: (
    name: string,
    fallback: number,
    min: number,
    max: number,
  ) => number;
  /** A URL with one of `protocols` (`"redis:"`); null when unset or empty. */
  readonly url: (name: string, protocols: readonly string[]) => string | null;
  /** Refuse a variable's value, naming it. */
  readonly fail: (variable: string, reason: string) => never;
}

export function envReader(env: NodeJS.ProcessEnv): EnvReader {
  const fail = (variable: string, reason: string): never => {
    throw new ConfigError(variable, reason);
  };
  return {
    raw: (name) => env[name],
    int: (name, fallback, min, max) => {
      const raw = env[name];
      if (raw === undefined || raw === "") return fallback;
      if (!/^-?\d+$/.test(raw.trim()))
        fail(name, `must be an integer, got ${JSON.stringify(raw)}`);
      const value = Number(raw);
      if (value < min || value > max)
        fail(name, `must be between ${min} and ${max}, got ${value}`);
      return value;
    },
    url: (name, protocols) => {
      const raw = env[name];
      if (raw === undefined || raw === "") return null;
      let parsed: URL;
      try {
        parsed = new URL(raw);
      } catch {
        return fail(name, "must be a URL");
      }
      if (!protocols.includes(parsed.protocol))
        fail(
          name,
          `must use ${protocols.join(" or ")}, got ${parsed.protocol}`,
        );
      return raw;
    },
    fail,
  };
}
