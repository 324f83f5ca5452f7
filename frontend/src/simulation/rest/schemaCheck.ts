import { REST_SCHEMAS } from "@tradewire/client/rest-schemas";
import { SimulatedError } from "../simulatedError";

/** The part of JSON Schema the spec's request bodies use. */
interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: boolean | Schema;
  readonly maxProperties?: number;
  readonly propertyNames?: Schema;
  readonly allOf?: readonly Schema[];
  readonly items?: Schema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
}

const DEFS = REST_SCHEMAS.$defs as unknown as Readonly<Record<string, Schema>>;

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const found = DEFS[schema.$ref.slice(schema.$ref.lastIndexOf("/") + 1)];
  if (!found) throw new Error(`no schema ${schema.$ref}`);
  return resolve(found);
}

type Path = readonly (string | number)[];

/** The server's 400 for a schema failure: the field, and a sentence starting with it (Ajv's words). */
function refuse(path: Path, message: string): SimulatedError {
  const field = path.join(".");
  return new SimulatedError(
    "INVALID_PARAMS",
    field ? `${field} ${message}` : `body ${message}`,
    400,
    field || undefined,
  );
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isInteger(value)) return "integer";
  return typeof value;
}

function checkType(type: string | undefined, value: unknown, path: Path) {
  const actual = typeOf(value);
  const ok =
    type === undefined ||
    actual === type ||
    (type === "number" && actual === "integer");
  if (!ok) throw refuse(path, `must be ${type}`);
}

function checkNumber(schema: Schema, value: number, path: Path): void {
  if (schema.maximum !== undefined && value > schema.maximum)
    throw refuse(path, `must be <= ${schema.maximum}`);
  if (schema.minimum !== undefined && value < schema.minimum)
    throw refuse(path, `must be >= ${schema.minimum}`);
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
    throw refuse(path, `must be > ${schema.exclusiveMinimum}`);
}

function checkString(schema: Schema, value: string, path: Path): void {
  const length = [...value].length;
  if (schema.maxLength !== undefined && length > schema.maxLength)
    throw refuse(
      path,
      `must NOT have more than ${schema.maxLength} characters`,
    );
  if (schema.minLength !== undefined && length < schema.minLength)
    throw refuse(
      path,
      `must NOT have fewer than ${schema.minLength} characters`,
    );
  if (
    schema.pattern !== undefined &&
    !new RegExp(schema.pattern, "u").test(value)
  )
    throw refuse(path, `must match pattern "${schema.pattern}"`);
  // The server refuses NUL in any string after the schema (backend/src/http/strict-validation.ts).
  if (value.includes("\u0000"))
    throw refuse(path, "must not contain a NUL character");
}

function checkArray(schema: Schema, value: unknown[], path: Path): void {
  if (schema.maxItems !== undefined && value.length > schema.maxItems)
    throw refuse(path, `must NOT have more than ${schema.maxItems} items`);
  if (schema.minItems !== undefined && value.length < schema.minItems)
    throw refuse(path, `must NOT have fewer than ${schema.minItems} items`);
  const items = schema.items;
  if (items) value.forEach((item, i) => check(items, item, [...path, i]));
  if (schema.uniqueItems) {
    // Ajv's scan, from the end, so the same pair is named as the server names it.
    const later = new Map<string, number>();
    for (let i = value.length - 1; i >= 0; i--) {
      const item = JSON.stringify(value[i]);
      const j = later.get(item);
      if (j !== undefined)
        throw refuse(
          path,
          `must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
        );
      later.set(item, i);
    }
  }
}

function checkObject(
  schema: Schema,
  value: Record<string, unknown>,
  path: Path,
): void {
  const names = Object.keys(value);
  if (schema.maxProperties !== undefined && names.length > schema.maxProperties)
    throw refuse(
      path,
      `must NOT have more than ${schema.maxProperties} properties`,
    );
  for (const name of schema.required ?? [])
    if (!(name in value)) throw named(path, name, "is required");
  const keys = schema.propertyNames;
  if (keys)
    for (const name of names)
      try {
        check(keys, name, path);
      } catch (error) {
        if (!(error instanceof SimulatedError)) throw error;
        // Ajv names the object and quotes the key (`quantities has a key "bad key" that ...`).
        const field = path.join(".");
        const why = error.message.slice(field.length + 1);
        throw new SimulatedError(
          "INVALID_PARAMS",
          `${field} has a key ${JSON.stringify(name)} that ${why}`,
          400,
          field,
        );
      }
  const properties = schema.properties ?? {};
  const extra = schema.additionalProperties;
  for (const name of names)
    if (!(name in properties)) {
      if (extra === false) throw named(path, name, "is not a known field");
      if (extra && typeof extra === "object")
        check(extra, value[name], [...path, name]);
    }
  for (const [name, property] of Object.entries(properties))
    if (value[name] !== undefined)
      check(property, value[name], [...path, name]);
}

/** A refusal naming a property of the object at `path` (required, unknown). */
function named(path: Path, name: string, message: string): SimulatedError {
  const field = [...path, name].join(".");
  return new SimulatedError(
    "INVALID_PARAMS",
    `${field} ${message}`,
    400,
    field,
  );
}

function check(raw: Schema, value: unknown, path: Path): void {
  const schema = resolve(raw);
  for (const part of schema.allOf ?? []) check(part, value, path);
  checkType(schema.type, value, path);
  if (schema.enum && !schema.enum.includes(value))
    throw refuse(path, "must be equal to one of the allowed values");
  if (typeof value === "number") checkNumber(schema, value, path);
  else if (typeof value === "string") checkString(schema, value, path);
  else if (Array.isArray(value)) checkArray(schema, value, path);
  else if (value !== null && typeof value === "object")
    checkObject(schema, value as Record<string, unknown>, path);
}

/**
 * Refuses what the server's request validation would (the spec's schema named `name`, then no
 * NUL character in any string): 400 INVALID_PARAMS naming the field, worded as the server words it.
 * The terminal's CSP forbids the code generation a compiled validator (Ajv) relies on, so the
 * spec's own schema is walked instead; it covers the keywords the workspace bodies use.
 */
export function checkBody(name: string, value: unknown, at: Path = []): void {
  check({ $ref: `#/$defs/${name}` }, value, at);
}

/** A path parameter against its schema in the spec (`{type: string, maxLength: 64}`). */
export function checkParam(field: string, value: string, schema: Schema): void {
  check(schema, value, [field]);
}
