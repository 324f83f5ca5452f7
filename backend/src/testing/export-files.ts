import type { Bar } from "@tradewire/client";
import { readFile } from "node:fs/promises";
import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetReadObjects,
  type FileMetaData,
} from "hyparquet";

/** One row of an export file, as a bar with its symbol; `vwap`, `filled` only when set. */
export type ExportedBar = Bar & { readonly symbol: string };

export interface ExportFile {
  /** The facts the file states (CSV comment lines, Parquet key-value metadata), in order. */
  readonly facts: [key: string, value: string][];
  readonly columns: string[];
  readonly rows: ExportedBar[];
}

/** The spec fields of `bar` with its symbol, as an export file holds them (extras dropped). */
export function exportedBar(symbol: string, bar: Bar): ExportedBar {
  return {
    symbol,
    time: bar.time,
    open: bar.open,
    high: bar.high,
    low: bar.low,
    close: bar.close,
    volume: bar.volume,
    ...(bar.vwap === undefined ? {} : { vwap: bar.vwap }),
    ...(bar.filled === true ? { filled: true } : {}),
  };
}

/** Parse a CSV export independently of its writer (strict: any surprise throws). */
export async function readCsvExport(path: string): Promise<ExportFile> {
  const text = await readFile(path, "utf8");
  if (!text.endsWith("\n"))
    throw new Error("the CSV does not end with a newline");
  const lines = text.slice(0, -1).split("\n");
  const facts: [string, string][] = [];
  while (lines[0]?.startsWith("# ")) {
    const line = (lines.shift() as string).slice(2);
    const eq = line.indexOf("=");
    facts.push([line.slice(0, eq), line.slice(eq + 1)]);
  }
  const columns = (lines.shift() ?? "").split(",");
  const rows = lines.map((line) => {
    const f = line.split(",");
    if (f.length !== columns.length) throw new Error(`bad CSV row: ${line}`);
    const number = (i: number): number => {
      const text = f[i] as string;
      if (!/^-?\d+(\.\d+)?$/.test(text))
        throw new Error(`not a plain number: ${text}`);
      return Number(text);
    };
    const filled = f[8];
    if (filled !== "true" && filled !== "false")
      throw new Error(`bad filled: ${filled}`);
    return exportedBar(f[0] as string, {
      time: number(1),
      open: number(2),
      high: number(3),
      low: number(4),
      close: number(5),
      volume: number(6),
      ...(f[7] === "" ? {} : { vwap: number(7) }),
      ...(filled === "true" ? { filled: true } : {}),
    });
  });
  return { facts, columns, rows };
}

/** Read a Parquet export with hyparquet (a reader independent of the writer's code path). */
export async function readParquetExport(
  path: string,
): Promise<ExportFile & { readonly metadata: FileMetaData }> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const objects = await parquetReadObjects({ file, metadata });
  const rows = objects.map((r) => {
    if (!(r.time instanceof Date)) throw new Error("time is not a timestamp");
    if (typeof r.filled !== "boolean")
      throw new Error("filled is not a boolean");
    if (r.vwap !== null && typeof r.vwap !== "number")
      throw new Error("vwap is neither a number nor null");
    return exportedBar(r.symbol as string, {
      time: r.time.getTime(),
      open: r.open as number,
      high: r.high as number,
      low: r.low as number,
      close: r.close as number,
      volume: r.volume as number,
      ...(r.vwap === null ? {} : { vwap: r.vwap as number }),
      ...(r.filled === true ? { filled: true } : {}),
    });
  });
  return {
    facts: (metadata.key_value_metadata ?? []).map((kv) => [
      kv.key,
      kv.value ?? "",
    ]),
    columns: metadata.schema.slice(1).map((s) => s.name),
    rows,
    metadata,
  };
}
