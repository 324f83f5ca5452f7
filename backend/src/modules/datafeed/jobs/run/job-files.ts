import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { ExportFormat } from "@tradewire/client";
import { ownerOnly } from "../../../../db/owner-only";

const EXTENSION: Record<ExportFormat, string> = {
  csv: "csv",
  parquet: "parquet",
};

/**
 * The exports folder, DATA_DIR/exports: owner-only (0700, files 0600) like the rest of the data
 * folder, one file per job named by its id, so nothing a user sends reaches a path.
 */
export class JobFiles {
  constructor(readonly dir: string) {}

  private ready = false;

  /** At start: tighten a folder an earlier run left (none is created until a job runs). */
  tightenExisting(): void {
    if (!existsSync(this.dir)) return;
    ownerOnly(this.dir, true);
    this.ready = true;
  }

  /** Before a job writes: the folder, created owner-only when missing. */
  ensure(): void {
    if (this.ready && existsSync(this.dir)) return;
    ownerOnly(this.dir, false);
    this.ready = true;
  }

  pathOf(jobId: string, format: ExportFormat): string {
    return join(this.dir, `${jobId}.${EXTENSION[format]}`);
  }

  /** Whether the job's file, or the `.partial` it is written as, is in this folder. */
  sees(path: string): boolean {
    return existsSync(path) || existsSync(`${path}.partial`);
  }

  /**
   * Remove a job's file and the `.partial` the export writer writes before it renames it into
   * place (what a crash leaves); either already gone is fine.
   */
  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
    await rm(`${path}.partial`, { force: true });
  }
}
