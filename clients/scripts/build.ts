import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const CLIENTS = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = join(CLIENTS, "dist");

type Conditions = { types: string; default: string };

interface Manifest<Target> {
  name: string;
  version?: string;
  description?: string;
  private?: boolean;
  type?: string;
  exports: Record<string, Target>;
  dependencies?: Record<string, string>;
}

/**
 * Build `@tradewire/client` to JavaScript with declarations in clients/dist, and write there the
 * package.json of the built package. The workspace's own package.json keeps pointing at the
 * sources (vite, vitest and tsx read them directly); clients/dist is what an outside consumer
 * installs (`npm pack clients/dist`).
 */
export function buildClientPackage(): void {
  rmSync(DIST, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const compiled = spawnSync(
    process.execPath,
    [tsc, "-p", join(CLIENTS, "tsconfig.build.json")],
    { stdio: "inherit" },
  );
  if (compiled.status !== 0)
    throw new Error(`tsc -p clients/tsconfig.build.json failed`);
  const source = JSON.parse(
    readFileSync(join(CLIENTS, "package.json"), "utf8"),
  ) as Manifest<string>;
  const built: Manifest<Conditions> = {
    name: source.name,
    // The workspace package carries no version (adding one would rewrite the lock file).
    version: source.version ?? "0.0.0",
    ...(source.description ? { description: source.description } : {}),
    ...(source.private ? { private: true } : {}),
    type: "module",
    exports: builtExports(source.exports),
    ...(source.dependencies ? { dependencies: source.dependencies } : {}),
  };
  writeFileSync(
    join(DIST, "package.json"),
    `${JSON.stringify(built, null, 2)}\n`,
  );
}

/**
 * `"./x": "./src/a/b.ts"` becomes `{ types: "./a/b.d.ts", default: "./a/b.js" }`. An entry whose
 * source the build leaves out (test helpers) stays a workspace-only entry.
 */
function builtExports(
  exports: Record<string, string>,
): Record<string, Conditions> {
  const out: Record<string, Conditions> = {};
  for (const [entry, target] of Object.entries(exports)) {
    const stem = /^\.\/src\/(.+)\.ts$/.exec(target)?.[1];
    if (stem === undefined)
      throw new Error(`export ${entry} → ${target} is not a source file`);
    if (!existsSync(join(DIST, `${stem}.js`))) continue;
    out[entry] = { types: `./${stem}.d.ts`, default: `./${stem}.js` };
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildClientPackage();
