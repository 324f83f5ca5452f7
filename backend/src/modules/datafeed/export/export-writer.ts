import type { Bar } from "@tradewire/client";
import type { ExportFormat, ExportMeta } from "./export-meta";

/**
 * Writes one export file. Call `write` once per chunk of bars, awaiting each call before the
 * next, then `finish` (or `abort`). The file appears at its path only when `finish` resolves.
 */
export interface ExportWriter {
  /** Append `bars` of `symbol`, in the order given; resolves once the file can take more. */
  write(symbol: string, bars: readonly Bar[]): Promise<void>;
  /** Complete the file, sync it and rename it into place; its size in bytes. */
  finish(): Promise<{ bytes: number }>;
  /** Close and delete the partial file; a no-op after `finish`. */
  abort(): Promise<void>;
}

export interface ExportWriterOptions {
  /** Parquet: rows buffered per row group (memory grows with it); default 16,384. */
  readonly rowGroupRows?: number;
}

/** The file's columns, in order, for both formats. */
export const EXPORT_COLUMNS = [
  "symbol",
  "time",
  "open",
  "high",
  "low",
  "close",
  "volume",
  "vwap",
  "filled",
] as const;

export type { ExportFormat, ExportMeta };
