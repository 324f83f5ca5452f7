import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import YAML from "yaml";
import { SpecError } from "./spec-error";

export type Json =
  null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function readYaml(file: string): JsonObject {
  const doc = YAML.parseDocument(readFileSync(file, "utf8"), {
    prettyErrors: true,
  });
  if (doc.errors.length > 0) {
    throw new SpecError(
      doc.errors.map((e) => ({
        file,
        path: "",
        line: e.linePos?.[0].line,
        reason: e.message.split("\n")[0] ?? "",
      })),
    );
  }
  const value = doc.toJS() as Json;
  if (!isObject(value))
    throw new SpecError([
      { file, path: "", reason: "the document is not a YAML mapping" },
    ]);
  return value;
}

/**
 * Inline the shared schema files a spec references (`./schemas/x.yaml#/Name`) into its
 * `components.schemas`, so the served document and everything generated from it is one
 * self-contained JSON document. Shared names must be unique across files.
 */
export function bundleSpec(file: string): JsonObject {
  const root = readYaml(file);
  const baseDir = dirname(file);
  const components = (root.components ??= {}) as JsonObject;
  if (!isObject(components))
    throw new SpecError([
      { file, path: "components", reason: "must be a mapping" },
    ]);
  const local = (components.schemas ??= {}) as JsonObject;
  const imported: JsonObject = {};
  const origin = new Map<string, string>();
  const sharedFiles = new Map<string, JsonObject>();

  const loadShared = (path: string): JsonObject => {
    let doc = sharedFiles.get(path);
    if (!doc) {
      doc = readYaml(path);
      sharedFiles.set(path, doc);
    }
    return doc;
  };

  const importShared = (
    sharedPath: string,
    name: string,
    from: string,
  ): string => {
    const rel = relative(baseDir, sharedPath);
    const previous = origin.get(name);
    if (previous === undefined) {
      if (local[name] !== undefined) {
        throw new SpecError([
          {
            file,
            path: `components.schemas.${name}`,
            reason: `collides with ${rel}#/${name}`,
          },
        ]);
      }
      const shared = loadShared(sharedPath)[name];
      if (shared === undefined) {
        throw new SpecError([
          {
            file: from,
            path: "$ref",
            reason: `${rel} has no schema named ${name}`,
          },
        ]);
      }
      origin.set(name, sharedPath);
      imported[name] = rewrite(shared, sharedPath);
    } else if (previous !== sharedPath) {
      throw new SpecError([
        {
          file: sharedPath,
          path: name,
          reason: `schema name also defined in ${previous}`,
        },
      ]);
    }
    return `#/components/schemas/${name}`;
  };

  // `inFile` is the file a node came from: local refs inside a shared file point into that file.
  const rewrite = (node: Json, inFile: string): Json => {
    if (Array.isArray(node)) return node.map((n) => rewrite(n, inFile));
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") {
        out[k] = resolveRef(v, inFile);
      } else {
        out[k] = rewrite(v, inFile);
      }
    }
    return out;
  };

  const resolveRef = (ref: string, inFile: string): string => {
    const hash = ref.indexOf("#");
    const target = hash < 0 ? ref : ref.slice(0, hash);
    const pointer = hash < 0 ? "" : ref.slice(hash + 1);
    if (target === "" && inFile === file) return ref;
    const sharedPath = target === "" ? inFile : join(dirname(inFile), target);
    const name = pointer.replace(/^\//, "");
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      throw new SpecError([
        {
          file: inFile,
          path: "$ref",
          reason: `${ref}: shared refs must name one top-level schema`,
        },
      ]);
    }
    return importShared(sharedPath, name, inFile);
  };

  const bundled = rewrite(root, file) as JsonObject;
  const bundledComponents = bundled.components as JsonObject;
  bundledComponents.schemas = sortKeys({
    ...(bundledComponents.schemas as JsonObject),
    ...imported,
  });
  return bundled;
}

function sortKeys(o: JsonObject): JsonObject {
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k] as Json]),
  );
}
