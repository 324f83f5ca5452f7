import type { ExportResult } from "../scenarios/export";
import { fixed, mb, rate, ratio, table } from "./table";

export function exportTable(result: ExportResult, label: string): string {
  const { baseline } = result;
  const rows = result.formats.map((r) => {
    const seconds = r.writeMs / 1000;
    return [
      r.format,
      String(r.rows),
      rate(r.rows / seconds),
      fixed(r.bytes / 1e6 / seconds),
      mb(r.bytes),
      fixed(r.bytes / r.rows),
      `${fixed(r.medianWriteMs)} / ${fixed(r.longestWriteMs)} (#${r.longestWriteIndex + 1})`,
      mb(r.peakRssGrowthBytes),
      mb(r.peakRssGrowthBytes - baseline.peakRssGrowthBytes),
      mb(r.heapGrowthBytes),
    ];
  });
  rows.push([
    "baseline (generate only)",
    String(baseline.rows),
    `${rate(baseline.rows / (baseline.generateMs / 1000))} generated`,
    "-",
    "-",
    "-",
    "-",
    mb(baseline.peakRssGrowthBytes),
    "-",
    mb(baseline.heapGrowthBytes),
  ]);
  const csv = result.formats.find((r) => r.format === "csv");
  const parquet = result.formats.find((r) => r.format === "parquet");
  const ratios =
    csv && parquet
      ? `\nparquet / csv: rows/s ${ratio(parquet.rows / parquet.writeMs, csv.rows / csv.writeMs)}, ` +
        `file size ${ratio(parquet.bytes, csv.bytes)}`
      : "";
  return (
    table(
      `Export: ${label}`,
      [
        "format",
        "rows",
        "rows/s",
        "MB/s",
        "file MB",
        "B/row",
        "write ms median / max (call #)",
        "peak RSS +MB",
        "over baseline",
        "heap after GC +MB",
      ],
      rows,
    ) + ratios
  );
}
