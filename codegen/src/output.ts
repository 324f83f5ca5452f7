import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { GeneratedFiles } from "./generate";

/** Files whose content on disk differs from what codegen would write (or that are missing). */
export function staleFiles(root: string, files: GeneratedFiles): string[] {
  const stale: string[] = [];
  for (const [path, content] of files) {
    const target = join(root, path);
    if (!existsSync(target) || readFileSync(target, "utf8") !== content)
      stale.push(path);
  }
  return stale;
}

/** Write every file whose content changed; returns the paths written. */
export function writeFiles(root: string, files: GeneratedFiles): string[] {
  const written: string[] = [];
  for (const path of staleFiles(root, files)) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, files.get(path) as string);
    written.push(path);
  }
  return written;
}
