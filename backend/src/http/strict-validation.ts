import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { FastifySchemaCompiler } from "fastify";

/**
 * Fastify's default Ajv removes properties a schema does not allow and coerces types
 * (`removeAdditional: true`, `coerceTypes: "array"`): a misspelt `stoploss` vanished and
 * `qty: true` became 1. Here nothing is dropped or coerced in a body. Query strings and path
 * parameters are text on the wire, so their numbers are parsed from it, and a text that is not a
 * number is refused naming the parameter.
 */
const BASE_OPTIONS = {
  removeAdditional: false,
  useDefaults: true,
  allErrors: false,
  addUsedSchema: false,
} as const;

type HttpPart = "body" | "querystring" | "params" | "headers";

export function strictValidatorCompiler(
  sharedSchemas: readonly object[],
): FastifySchemaCompiler<object> {
  const body = new Ajv({ ...BASE_OPTIONS, coerceTypes: false });
  const text = new Ajv({ ...BASE_OPTIONS, coerceTypes: true });
  for (const schema of sharedSchemas) {
    body.addSchema(structuredClone(schema));
    text.addSchema(structuredClone(schema));
  }
  return ({ schema, httpPart }) =>
    withoutNul(
      ((httpPart as HttpPart | undefined) === "body" ? body : text).compile(
        schema,
      ),
    );
}

/**
 * PostgreSQL text cannot hold a NUL character (it made the database query fail, a 500). Refused at
 * the edge like any other invalid value, naming the field; Ajv runs first so a wrong type is
 * reported as such.
 */
function withoutNul(validate: ValidateFunction): ValidateFunction {
  const wrapped = ((data: unknown, context?: unknown) => {
    const ok = (validate as (d: unknown, c?: unknown) => boolean)(
      data,
      context,
    );
    wrapped.errors = validate.errors;
    if (!ok) return false;
    const path = nulPath(data, "");
    if (path === null) return true;
    wrapped.errors = [nulError(path)];
    return false;
  }) as ValidateFunction;
  // Fastify passes the parent object only to validators that carry Ajv's schemaEnv (so a
  // coerced root value can be written back).
  Object.assign(wrapped, {
    schema: validate.schema,
    schemaEnv: validate.schemaEnv,
  });
  return wrapped;
}

function nulPath(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    const found = nulPath(item, `${path}/${key}`);
    if (found !== null) return found;
  }
  return null;
}

function nulError(instancePath: string): ErrorObject {
  return {
    instancePath,
    schemaPath: "#/nul",
    keyword: "nul",
    params: {},
    message: "must not contain a NUL character",
  };
}
