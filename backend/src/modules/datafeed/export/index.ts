/**
 * Export writers for history jobs: CSV and Parquet files of bars, streamed to disk with bounded
 * memory, owner-only, and renamed into place only when complete.
 */
import { openCsvExport } from "./csv-export";
import type { ExportFormat, ExportMeta } from "./export-meta";
import {
  oneCallAtATime,
  type ExportWriter,
  type ExportWriterOptions,
} from "./export-writer";
import { openParquetExport } from "./parquet-export";

export type { ExportFormat, ExportMeta } from "./export-meta";
export {
  EXPORT_COLUMNS,
  type ExportWriter,
  type ExportWriterOptions,
} from "./export-writer";

/**
 * Start an export of `meta` in `format` at `path`. The file is written to `path + ".partial"`
 * (owner-only) and renamed to `path` by `finish`; its folder must exist.
 */
export async function openExportWriter(
  format: ExportFormat,
  meta: ExportMeta,
  path: string,
  options: ExportWriterOptions = {},
): Promise<ExportWriter> {
  return oneCallAtATime(await openFormat(format, meta, path, options));
}

function openFormat(
  format: ExportFormat,
  meta: ExportMeta,
  path: string,
  options: ExportWriterOptions,
): Promise<ExportWriter> {
  switch (format) {
    case "csv":
      return openCsvExport(meta, path);
    case "parquet":
      return openParquetExport(meta, path, options);
    default:
      return Promise.reject(
        new Error(`unknown export format ${String(format satisfies never)}`),
      );
  }
}
