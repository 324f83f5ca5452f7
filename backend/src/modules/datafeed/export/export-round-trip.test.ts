import type { Bar } from "@tradewire/client";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  exportedBar,
  readCsvExport,
  readParquetExport,
  type ExportFile,
} from "../../../testing/export-files";
import { buildCatalog, findSymbol, generateBars } from "../market";
import { EXPORT_COLUMNS, openExportWriter, type ExportFormat } from "./index";

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 2, 14, 30);

const META = {
  symbols: ["ES1!", "EURUSD", "BTCUSD"],
  resolution: "1",
  adjustment: "difference",
  from: Date.UTC(2026, 10, 2),
  to: Date.UTC(2026, 10, 5),
};

const FACTS = [
  ["symbol", "ES1!,EURUSD,BTCUSD"],
  ["resolution", "1"],
  ["timezone", "UTC"],
  ["adjustment", "difference"],
  ["from", "2026-11-02T00:00:00.000Z"],
  ["to", "2026-11-05T00:00:00.000Z"],
];

/** Bars chosen to break a careless writer: exponents, tiny and huge values, gaps, fills. */
const EDGE_BARS: { symbol: string; bars: Bar[] }[] = [
  {
    symbol: "ES1!",
    bars: [
      {
        time: T0,
        open: 6012.25,
        high: 6013.5,
        low: 6011,
        close: 6013.25,
        volume: 1834,
        vwap: 6012.371234567891,
      },
      // Back-adjusted by difference: a price may go negative.
      {
        time: T0 + MIN,
        open: -12.25,
        high: -0.25,
        low: -12.5,
        close: -1e-7,
        volume: 0.5,
        vwap: -6.123456789012345,
      },
      {
        time: T0 + 2 * MIN,
        open: -1e-7,
        high: -1e-7,
        low: -1e-7,
        close: -1e-7,
        volume: 0,
        filled: true,
      },
    ],
  },
  {
    symbol: "EURUSD",
    bars: [
      {
        time: T0,
        open: 0.00001,
        high: 0.000015,
        low: 0.000009,
        close: 1.2e-7,
        volume: 1e21,
        vwap: 0.00001234,
      },
      {
        time: T0 + MIN,
        open: 0.1 + 0.2,
        high: 1.0812345678901234,
        low: 0,
        close: 5e-324,
        volume: Number.MAX_SAFE_INTEGER,
      },
      {
        time: T0 + 2 * MIN,
        open: 1.7976931348623157e308,
        high: 1.7976931348623157e308,
        low: 2.5e22,
        close: 123456789.000001,
        volume: 9.87654321e25,
        vwap: 1e300,
      },
    ],
  },
  {
    symbol: "ES1!",
    bars: [
      {
        time: T0 + 3 * MIN,
        open: 6013,
        high: 6013,
        low: 6013,
        close: 6013,
        volume: 0,
        filled: true,
        vwap: 6012.5,
      },
      { time: 0, open: 1, high: 1, low: 1, close: 1, volume: 1 },
    ],
  },
];

async function readBack(
  format: ExportFormat,
  path: string,
): Promise<ExportFile> {
  return format === "csv" ? readCsvExport(path) : readParquetExport(path);
}

function tempPath(format: ExportFormat): string {
  return join(mkdtempSync(join(tmpdir(), "tw-export-")), `bars.${format}`);
}

describe.each(["csv", "parquet"] as const)("%s export", (format) => {
  it("reads back bar for bar and value for value: several symbols, filled bars, missing vwap, extreme numbers", async () => {
    const path = tempPath(format);
    // Three rows per row group, so the Parquet file has several and a short last one.
    const writer = await openExportWriter(format, META, path, {
      rowGroupRows: 3,
    });
    for (const chunk of EDGE_BARS) await writer.write(chunk.symbol, chunk.bars);
    await writer.finish();

    const file = await readBack(format, path);
    expect(file.facts).toEqual(FACTS);
    expect(file.columns).toEqual([...EXPORT_COLUMNS]);
    expect(file.rows).toEqual(
      EDGE_BARS.flatMap((c) => c.bars.map((b) => exportedBar(c.symbol, b))),
    );
    if (format === "parquet") {
      const { metadata } = await readParquetExport(path);
      expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual([
        3, 3, 2,
      ]);
    }
  });

  it("reads back three days of simulated 1-minute bars of two symbols, written in uneven chunks", async () => {
    const catalog = buildCatalog(META.to);
    const written: { symbol: string; bars: Bar[] }[] = [];
    for (const symbol of ["EURUSD", "BTCUSD"]) {
      const entry = findSymbol(catalog, symbol);
      if (!entry) throw new Error(`${symbol} is not listed`);
      const bars = generateBars(
        entry,
        7,
        META.from,
        META.to,
        entry.sim.initialPrice,
      );
      // 1, 2,500 (more than one CSV stream chunk), then the rest in one call.
      written.push(
        { symbol, bars: bars.slice(0, 1) },
        { symbol, bars: bars.slice(1, 2501) },
        { symbol, bars: bars.slice(2501) },
      );
    }
    const path = tempPath(format);
    const writer = await openExportWriter(format, META, path, {
      rowGroupRows: 1000,
    });
    for (const chunk of written) await writer.write(chunk.symbol, chunk.bars);
    await writer.finish();

    const expected = written.flatMap((c) =>
      c.bars.map((b) => exportedBar(c.symbol, b)),
    );
    expect(expected.length).toBeGreaterThan(5000);
    expect(expected.every((r) => r.vwap !== undefined)).toBe(true);
    const file = await readBack(format, path);
    expect(file.rows).toEqual(expected);
  });

  it("writes an empty export as a valid file that states its facts and holds no rows", async () => {
    const path = tempPath(format);
    const writer = await openExportWriter(format, META, path);
    await writer.write("ES1!", []);
    const { bytes } = await writer.finish();
    expect(bytes).toBeGreaterThan(0);
    const file = await readBack(format, path);
    expect(file.facts).toEqual(FACTS);
    expect(file.columns).toEqual([...EXPORT_COLUMNS]);
    expect(file.rows).toEqual([]);
  });
});

describe("csv export text", () => {
  it("starts with the comment lines and the header row, then one plain row per bar", async () => {
    const path = tempPath("csv");
    const writer = await openExportWriter(
      "csv",
      { ...META, symbols: ["ES1!", "NQ1!"], adjustment: "none" },
      path,
    );
    await writer.write("ES1!", [EDGE_BARS[0]?.bars[2] as Bar]);
    await writer.write("NQ1!", [
      {
        time: T0,
        open: 21000.25,
        high: 21001,
        low: 20999.75,
        close: 21000.5,
        volume: 1e21,
      },
    ]);
    await writer.finish();
    const { readFile } = await import("node:fs/promises");
    expect(await readFile(path, "utf8")).toBe(
      [
        "# symbol=ES1!,NQ1!",
        "# resolution=1",
        "# timezone=UTC",
        "# adjustment=none",
        "# from=2026-11-02T00:00:00.000Z",
        "# to=2026-11-05T00:00:00.000Z",
        "symbol,time,open,high,low,close,volume,vwap,filled",
        `ES1!,${T0 + 2 * MIN},-0.0000001,-0.0000001,-0.0000001,-0.0000001,0,,true`,
        `NQ1!,${T0},21000.25,21001,20999.75,21000.5,1000000000000000000000,,false`,
        "",
      ].join("\n"),
    );
  });
});

describe("parquet export schema", () => {
  it("types time as a UTC millisecond timestamp, prices as doubles, vwap nullable, filled boolean", async () => {
    const path = tempPath("parquet");
    const writer = await openExportWriter("parquet", META, path);
    await writer.write("BTCUSD", [
      { time: T0, open: 1, high: 1, low: 1, close: 1, volume: 1 },
    ]);
    await writer.finish();
    const { metadata } = await readParquetExport(path);
    const columns = Object.fromEntries(
      metadata.schema.slice(1).map((s) => [s.name, s]),
    );
    expect(columns.symbol).toMatchObject({
      type: "BYTE_ARRAY",
      logical_type: { type: "STRING" },
      repetition_type: "REQUIRED",
    });
    expect(columns.time).toMatchObject({
      type: "INT64",
      logical_type: {
        type: "TIMESTAMP",
        isAdjustedToUTC: true,
        unit: "MILLIS",
      },
      repetition_type: "REQUIRED",
    });
    for (const name of ["open", "high", "low", "close", "volume"])
      expect(columns[name]).toMatchObject({
        type: "DOUBLE",
        repetition_type: "REQUIRED",
      });
    expect(columns.vwap).toMatchObject({
      type: "DOUBLE",
      repetition_type: "OPTIONAL",
    });
    expect(columns.filled).toMatchObject({
      type: "BOOLEAN",
      repetition_type: "REQUIRED",
    });
    expect(metadata.row_groups).toHaveLength(1);
  });
});
