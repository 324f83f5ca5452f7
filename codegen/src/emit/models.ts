import { TypeScriptGenerator } from "@asyncapi/modelina";
import type { AsyncAPIDocumentInterface } from "@asyncapi/parser";
import { isObject, type Json, type JsonObject } from "../bundle";
import { SpecError } from "../spec-error";
import { identifier, literal } from "./header";

/**
 * Modelina interfaces for every schema a message reaches, plus, for every enum in the spec, a
 * const object of named values (`OrderStatus.Filled === 2`) merged with the union type of the same
 * name so code never writes a bare enum number.
 */
export async function emitModels(
  file: string,
  document: AsyncAPIDocumentInterface,
  schemas: JsonObject,
): Promise<string> {
  const generator = new TypeScriptGenerator({
    modelType: "interface",
    rawPropertyNames: true,
    enumType: "union",
  });
  const models = await generator.generate(document);
  const anonymous = models.filter((m) => /^AnonymousSchema/.test(m.modelName));
  if (anonymous.length > 0) {
    throw new SpecError(
      anonymous.map((m) => ({
        file,
        path: "components.schemas",
        reason: `a schema without a title became ${m.modelName}; give it a title`,
      })),
    );
  }
  const byName = new Map<string, string>();
  for (const m of models) byName.set(m.modelName, `export ${m.result.trim()}`);

  const enumBlocks: string[] = [];
  for (const [name, raw] of Object.entries(schemas)) {
    if (!isObject(raw) || !Array.isArray(raw.enum)) continue;
    const typeName = (typeof raw.title === "string" ? raw.title : name).replace(
      /[^A-Za-z0-9_]/g,
      "",
    );
    if (!byName.has(typeName))
      byName.set(
        typeName,
        `export type ${typeName} = ${raw.enum.map(literal).join(" | ")};`,
      );
    enumBlocks.push(enumConst(file, name, typeName, raw));
  }
  for (const [name, raw] of Object.entries(schemas)) {
    const union = oneOfAlias(name, raw);
    if (union && !byName.has(union.typeName))
      byName.set(union.typeName, union.text);
  }
  const types = [...byName.keys()].sort().map((k) => byName.get(k) as string);
  return [...types, ...enumBlocks].join("\n\n") + "\n";
}

function enumConst(
  file: string,
  schemaName: string,
  typeName: string,
  schema: JsonObject,
): string {
  const values = schema.enum as Json[];
  const names = schema["x-enum-varnames"];
  if (
    names !== undefined &&
    (!Array.isArray(names) ||
      names.length !== values.length ||
      !names.every(
        (n) => typeof n === "string" && /^[A-Za-z_$][\w$]*$/.test(n),
      ))
  ) {
    throw new SpecError([
      {
        file,
        path: `components.schemas.${schemaName}.x-enum-varnames`,
        reason: "needs one identifier per enum value",
      },
    ]);
  }
  const entries = values.map((v, i) => {
    const key = Array.isArray(names)
      ? (names[i] as string)
      : identifier(typeof v === "string" ? v : JSON.stringify(v));
    return `  ${key}: ${literal(v)},`;
  });
  const doc =
    typeof schema.description === "string"
      ? `/** ${schema.description.replace(/\*\//g, "*\\/")} */\n`
      : "";
  return `${doc}export const ${typeName} = {\n${entries.join("\n")}\n} as const satisfies Record<string, ${typeName}>;`;
}

/**
 * Modelina inlines a `oneOf` of named schemas where it is used; a payload that is one (quotes:
 * whole or delta) also needs the union under its own title, for the routers and channel map.
 */
function oneOfAlias(
  name: string,
  raw: Json,
): { typeName: string; text: string } | null {
  if (!isObject(raw) || !Array.isArray(raw.oneOf)) return null;
  const refs = raw.oneOf.map((b) =>
    isObject(b) && typeof b.$ref === "string"
      ? b.$ref.replace("#/components/schemas/", "")
      : null,
  );
  if (refs.some((r) => r === null)) return null;
  const typeName = (typeof raw.title === "string" ? raw.title : name).replace(
    /[^A-Za-z0-9_]/g,
    "",
  );
  const doc =
    typeof raw.description === "string"
      ? `/** ${raw.description.replace(/\*\//g, "*\\/")} */\n`
      : "";
  return {
    typeName,
    text: `${doc}export type ${typeName} = ${(refs as string[]).join(" | ")};`,
  };
}
