import {
  Ajv2020,
  type ErrorObject,
  type ValidateFunction,
} from "ajv/dist/2020.js";
import { MESSAGE_SCHEMAS } from "./generated/channels.js";
import { REST_SCHEMAS } from "./generated/rest-schemas.js";
import { WS_SCHEMAS } from "./generated/ws-schemas.js";

export type Validation<T> =
  { ok: true; value: T } | { ok: false; message: string };

/**
 * JSON-schema validators compiled from the generated schema registries. Validation applies the
 * schemas' defaults to the value in place, so what passes is what the topic is built from.
 */
export class SchemaValidators {
  private readonly ajv = new Ajv2020({
    strict: false,
    allErrors: false,
    useDefaults: true,
    validateFormats: false,
  });
  private readonly cache = new Map<string, ValidateFunction>();

  constructor() {
    this.ajv.addSchema(structuredClone(WS_SCHEMAS));
    this.ajv.addSchema(structuredClone(REST_SCHEMAS));
  }

  /** A validator for one named schema of the AsyncAPI spec (`ws`) or the OpenAPI spec (`rest`). */
  compile<T>(
    name: string,
    spec: "ws" | "rest" = "ws",
  ): (value: unknown) => Validation<T> {
    const ref = `${spec === "ws" ? WS_SCHEMAS.$id : REST_SCHEMAS.$id}#/$defs/${name}`;
    let fn = this.cache.get(ref);
    if (!fn) {
      fn = this.ajv.getSchema(ref);
      if (!fn) throw new Error(`no schema named ${name} in the ${spec} spec`);
      this.cache.set(ref, fn);
    }
    const validate = fn;
    return (value) =>
      validate(value)
        ? { ok: true, value: value as T }
        : { ok: false, message: describe(validate.errors) };
  }

  /** Validate a whole frame against the schema of its `type`; unknown types fail. */
  validateMessage(frame: unknown): Validation<{ type: string }> {
    const type = (frame as { type?: unknown } | null)?.type;
    if (typeof type !== "string" || !(type in MESSAGE_SCHEMAS)) {
      return {
        ok: false,
        message: `unknown message type ${JSON.stringify(type)}`,
      };
    }
    return this.compile<{ type: string }>(
      MESSAGE_SCHEMAS[type as keyof typeof MESSAGE_SCHEMAS],
    )(frame);
  }
}

/** One line naming where the value failed and why, e.g. `/symbols/0 must match pattern "…"`. */
export function describe(errors: ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (!e) return "is invalid";
  const where = e.instancePath || "(root)";
  const extra =
    "additionalProperty" in e.params
      ? ` (${String(e.params.additionalProperty)})`
      : "allowedValues" in e.params
        ? `: ${JSON.stringify(e.params.allowedValues)}`
        : "";
  return `${where} ${e.message ?? "is invalid"}${extra}`;
}
