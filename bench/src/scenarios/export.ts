import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnPinned, stopChild } from "../harness/child";
import { SERVER_CORE } from "../harness/rig";
import type { ExportRunRequest, ExportRunResult } from "../servers/export-main";

const ENTRY = fileURLToPath(
  new URL("../servers/export-main.ts", import.meta.url),
);

export interface ExportOptions {
  readonly symbols: readonly string[];
  /** UTC ms: the range of 1-minute bars exported. */
  readonly from: number;
  readonly to: number;
  readonly chunkDays: number;
}

export interface ExportResult {
  /** The same bars generated and dropped: what the export's figures are compared with. */
  readonly baseline: ExportRunResult;
  readonly formats: readonly ExportRunResult[];
}

/**
 * A multi-year 1-minute export of several symbols in each format, each in a fresh process pinned
 * to the server core (with `--expose-gc`), after a baseline process that only generates the bars.
 */
export async function runExport(
  options: ExportOptions,
  log: (line: string) => void,
): Promise<ExportResult> {
  const dir = mkdtempSync(join(tmpdir(), "tw-bench-export-"));
  try {
    const runs: ExportRunResult[] = [];
    for (const format of ["none", "csv", "parquet"] as const) {
      const child = spawnPinned<ExportRunRequest, ExportRunResult>(ENTRY, [], {
        core: SERVER_CORE,
        nodeFlags: ["--expose-gc"],
      });
      try {
        await child.ready;
        runs.push(await child.request({ ...options, format, dir }));
        log(`  export: ${format === "none" ? "baseline" : format} done`);
      } finally {
        await stopChild(child.child);
      }
    }
    const [baseline, ...formats] = runs as [
      ExportRunResult,
      ...ExportRunResult[],
    ];
    return { baseline, formats };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
