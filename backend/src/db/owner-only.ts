import { chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

const DIRECTORY_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * Make `dir` (created when missing) owner-only: the folder 0700 and, with `contents`, every folder
 * under it 0700 and every file 0600. New files get that from the process umask (set in main.ts);
 * this also tightens a folder an earlier version or another umask left open. Only folders the
 * server owns entirely are walked (never an operator's DATA_DIR as a whole, which could be any
 * folder); symbolic links are left alone, and so is what they point to.
 */
export function ownerOnly(dir: string, contents: boolean): void {
  mkdirSync(dir, { recursive: true, mode: DIRECTORY_MODE });
  tighten(dir, contents);
}

function tighten(path: string, contents: boolean): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  const wanted = stat.isDirectory() ? DIRECTORY_MODE : FILE_MODE;
  if ((stat.mode & 0o777) !== wanted) chmodSync(path, wanted);
  if (stat.isDirectory() && contents)
    for (const entry of readdirSync(path)) tighten(join(path, entry), true);
}
