import type { Bar } from "@tradewire/client";
import {
  ParquetWriter,
  type ColumnSource,
  type SchemaElement,
} from "hyparquet-writer";
import { checkBars, exportFacts, type ExportMeta } from "./export-meta";
import type { ExportWriter, ExportWriterOptions } from "./export-writer";
import { PartialFile } from "./partial-file";
import { StreamByteWriter } from "./stream-byte-writer";

/**
 * Rows per row group. hyparquet-writer encodes a row group synchronously (about 2 us a row in
 * the export bench, snappy included), so this bounds both memory (one group buffered, about
 * 1 MB) and how long the event loop is held at a time (the bench prints the longest `write`).
 * The footer keeps a few hundred bytes per group until `finish`.
 */
export const DEFAULT_ROW_GROUP_ROWS = 16_384;

const double = (name: string, optional = false): SchemaElement => ({
  name,
  type: "DOUBLE",
  repetition_type: optional ? "OPTIONAL" : "REQUIRED",
});

/** symbol, time (timestamp millis, UTC), OHLCV and vwap (absent: null) as doubles, filled. */
const SCHEMA: SchemaElement[] = [
  { name: "root", num_children: 9 },
  {
    name: "symbol",
    type: "BYTE_ARRAY",
    converted_type: "UTF8",
    logical_type: { type: "STRING" },
    repetition_type: "REQUIRED",
  },
  {
    name: "time",
    type: "INT64",
    converted_type: "TIMESTAMP_MILLIS",
    logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MILLIS" },
    repetition_type: "REQUIRED",
  },
  double("open"),
  double("high"),
  double("low"),
  double("close"),
  double("volume"),
  double("vwap", true),
  { name: "filled", type: "BOOLEAN", repetition_type: "REQUIRED" },
];

/** One row group's columns, filled row by row and reused for the next group. */
class RowBuffer {
  rows = 0;
  readonly symbol: string[] = [];
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly vwap: (number | null)[] = [];
  readonly filled: boolean[] = [];

  constructor(readonly capacity: number) {
    this.time = new Float64Array(capacity);
    this.open = new Float64Array(capacity);
    this.high = new Float64Array(capacity);
    this.low = new Float64Array(capacity);
    this.close = new Float64Array(capacity);
    this.volume = new Float64Array(capacity);
  }

  push(symbol: string, bar: Bar): void {
    const i = this.rows++;
    this.symbol[i] = symbol;
    this.time[i] = bar.time;
    this.open[i] = bar.open;
    this.high[i] = bar.high;
    this.low[i] = bar.low;
    this.close[i] = bar.close;
    this.volume[i] = bar.volume;
    this.vwap[i] = bar.vwap ?? null;
    this.filled[i] = bar.filled === true;
  }

  /** The buffered rows as hyparquet-writer column data. */
  columns(): ColumnSource[] {
    const n = this.rows;
    const slice = <T>(a: T[]): T[] => (a.length === n ? a : a.slice(0, n));
    return [
      { name: "symbol", data: slice(this.symbol) },
      { name: "time", data: this.time.subarray(0, n) },
      { name: "open", data: this.open.subarray(0, n) },
      { name: "high", data: this.high.subarray(0, n) },
      { name: "low", data: this.low.subarray(0, n) },
      { name: "close", data: this.close.subarray(0, n) },
      { name: "volume", data: this.volume.subarray(0, n) },
      { name: "vwap", data: slice(this.vwap) },
      { name: "filled", data: slice(this.filled) },
    ];
  }
}

/**
 * A Parquet export streamed to `path` (through `path.partial`) with hyparquet-writer: rows are
 * buffered up to `rowGroupRows`, then encoded as one row group and written out, so memory is
 * bounded by one row group whatever the length of the export.
 */
export async function openParquetExport(
  meta: ExportMeta,
  path: string,
  options: ExportWriterOptions = {},
): Promise<ExportWriter> {
  const capacity = options.rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS;
  if (!Number.isSafeInteger(capacity) || capacity < 1)
    throw new RangeError(
      `rowGroupRows must be a positive integer, not ${capacity}`,
    );
  const file = await PartialFile.create(path);
  const symbols = new Set(meta.symbols);
  const buffer = new RowBuffer(capacity);
  const sink = new StreamByteWriter(file);
  const writer = new ParquetWriter({
    writer: sink,
    schema: SCHEMA,
    kvMetadata: exportFacts(meta).map(([key, value]) => ({ key, value })),
    createdBy: "Tradewire (hyparquet-writer)",
  });

  async function flushRowGroup(): Promise<void> {
    if (buffer.rows === 0) return;
    // The library encodes the group synchronously, then awaits the flush to the file: the
    // buffer is free again before that wait.
    const written = writer.write({
      columnData: buffer.columns(),
      rowGroupSize: buffer.rows,
    });
    buffer.rows = 0;
    await written;
  }

  return {
    async write(symbol, bars) {
      checkBars(symbols, symbol, bars);
      for (const bar of bars) {
        buffer.push(symbol, bar);
        if (buffer.rows === capacity) await flushRowGroup();
      }
    },
    async finish() {
      await flushRowGroup();
      // Writes the footer into the sink (synchronously), which is then emptied into the file.
      await writer.finish();
      await sink.flush();
      return { bytes: await file.commit() };
    },
    abort: () => file.discard(),
  };
}
