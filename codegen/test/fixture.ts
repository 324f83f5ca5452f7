import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** A scratch repository root holding a copy of the real specs, to edit and generate from. */
export function specFixture(): string {
  const root = mkdtempSync(join(tmpdir(), "tradewire-codegen-"));
  cpSync(join(repoRoot, "specs"), join(root, "specs"), { recursive: true });
  return root;
}

export function editSpec(
  root: string,
  file: string,
  edit: (text: string) => string,
): void {
  const path = join(root, "specs", file);
  const before = readFileSync(path, "utf8");
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  writeFileSync(path, after);
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the real CLI in a child process, as `npm run codegen` does. */
export function runCli(...args: string[]): CliRun {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", join(repoRoot, "codegen/src/cli.ts"), ...args],
    {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
