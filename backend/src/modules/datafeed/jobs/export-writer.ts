import type { Bar, ExportFormat } from "@tradewire/client";

/**
 * The export writers' interface (backend/src/modules/datafeed/export/, built separately): what a
 * job writes its bars through. Declared here until that module lands; the job runner is given an
 * `OpenExportWriter` rather than importing one.
 */
export interface ExportMeta {
  readonly symbols: string[];
  readonly resolution: string;
  readonly adjustment: string;
  /** The job's range, UTC epoch seconds: `from` inclusive, `to` exclusive. */
  readonly from: number;
  readonly to: number;
}

export interface ExportWriter {
  /** Append one symbol's next bars, oldest first; resolves once they may be dropped from memory. */
  write(symbol: string, bars: readonly Bar[]): Promise<void>;
  /** Flush and close the file. */
  finish(): Promise<{ bytes: number }>;
  /** Stop and delete what was written. */
  abort(): Promise<void>;
}

export type OpenExportWriter = (
  format: ExportFormat,
  meta: ExportMeta,
  path: string,
) => Promise<ExportWriter>;
