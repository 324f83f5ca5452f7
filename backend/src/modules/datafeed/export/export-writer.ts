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

/**
 * `writer` refusing a `write` or `finish` while another is still running: the row buffer and
 * the stream assume one producer, and a job that loses track of its awaits should fail loudly
 * rather than write rows out of order. `abort` is always allowed.
 */
export function oneCallAtATime(writer: ExportWriter): ExportWriter {
  let busy = false;
  async function exclusive<T>(call: () => Promise<T>): Promise<T> {
    if (busy)
      throw new Error("the previous write or finish has not completed yet");
    busy = true;
    try {
      return await call();
    } finally {
      busy = false;
    }
  }
  return {
    write: (symbol, bars) => exclusive(() => writer.write(symbol, bars)),
    finish: () => exclusive(() => writer.finish()),
    abort: () => writer.abort(),
  };
}
