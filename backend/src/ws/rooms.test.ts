import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The rooms of the core and the rooms each may import (README.md, "Import rules"). Leaves first;
 * a room imports only rooms listed before it, so there is no cycle between rooms.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  wire: [],
  metrics: [],
  replies: [],
  admission: [],
  connection: ["wire", "metrics", "admission"],
  topics: ["wire", "connection"],
  fanout: ["wire", "metrics", "connection", "topics"],
  replay: ["wire", "replies", "connection", "topics"],
  router: [
    "wire",
    "metrics",
    "replies",
    "admission",
    "connection",
    "topics",
    "fanout",
    "replay",
  ],
  inbound: ["wire", "metrics", "replies", "connection", "router"],
  gateway: [
    "wire",
    "metrics",
    "replies",
    "admission",
    "connection",
    "fanout",
    "router",
    "inbound",
  ],
};

const root = fileURLToPath(new URL(".", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")
      ? [path]
      : [];
  });
}

/** Every `from "../<room>/..."` of a file, as [its room, the room it imports]. */
function roomImports(file: string): [string, string][] {
  const room = relative(root, file).split("/")[0] as string;
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/from "\.\.\/([a-z-]+)\//g)].map(
    (m) => [room, m[1] as string] as [string, string],
  );
}

describe("the core's rooms", () => {
  const files = sources(root).filter((f) => relative(root, f).includes("/"));

  it("are exactly the folders the import rules name", () => {
    const rooms = new Set(files.map((f) => relative(root, f).split("/")[0]));
    expect([...rooms].sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });

  it("import only the rooms their rules allow", () => {
    const broken = files
      .flatMap(roomImports)
      .filter(([from, to]) => !(MAY_IMPORT[from] ?? []).includes(to))
      .map(([from, to]) => `${from} -> ${to}`);
    expect(broken).toEqual([]);
  });

  it("reach outside the core only for identity, sessions, the clock and the configuration", () => {
    const outside = new Set([
      "auth/identity",
      "auth/sessions",
      "clock",
      "config",
    ]);
    const reached = files.flatMap((f) =>
      [...readFileSync(f, "utf8").matchAll(/from "\.\.\/\.\.\/([^"]+)"/g)].map(
        (m) => m[1] as string,
      ),
    );
    expect(reached.filter((path) => !outside.has(path))).toEqual([]);
  });

  it("keep every file within 250 lines", () => {
    const long = sources(root)
      .map(
        (f) =>
          [
            relative(root, f),
            readFileSync(f, "utf8").split("\n").length - 1,
          ] as const,
      )
      .filter(([, lines]) => lines > 250);
    expect(long).toEqual([]);
  });

  it("keep every function within 40 lines", () => {
    const long: string[] = [];
    for (const file of sources(root)) {
      const source = ts.createSourceFile(
        file,
        readFileSync(file, "utf8"),
        ts.ScriptTarget.Latest,
        true,
      );
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) && "body" in node && node.body) {
          const line = (pos: number) =>
            source.getLineAndCharacterOfPosition(pos).line;
          const lines = line(node.end) - line(node.getStart()) + 1;
          if (lines > 40)
            long.push(`${relative(root, file)}:${line(node.getStart()) + 1}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(long).toEqual([]);
  });
});
