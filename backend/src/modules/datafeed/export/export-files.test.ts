import type { Bar } from "@tradewire/client";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  readCsvExport,
  readParquetExport,
} from "../../../testing/export-files";
import { openExportWriter, type ExportFormat } from "./index";

const META = {
  symbols: ["ES1!", "NQ1!"],
  resolution: "5",
  adjustment: "none",
  from: Date.UTC(2026, 0, 1),
  to: Date.UTC(2026, 0, 2),
};

const BARS: Bar[] = Array.from({ length: 500 }, (_, i) => ({
  time: META.from + i * 300_000,
  open: 6000 + i / 4,
  high: 6001 + i / 4,
  low: 5999 + i / 4,
  close: 6000.5 + i / 4,
  volume: 100 + i,
  vwap: 6000.25 + i / 4,
}));

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "tw-export-files-"));
}

describe.each(["csv", "parquet"] as const)(
  "%s export file",
  (format: ExportFormat) => {
    it("is written to path.partial, owner-only, and appears at path only when finished, with its size", async () => {
      const dir = tempDir();
      const path = join(dir, `bars.${format}`);
      const writer = await openExportWriter(format, META, path, {
        rowGroupRows: 100,
      });
      await writer.write("ES1!", BARS);
      expect(existsSync(path)).toBe(false);
      expect(statSync(`${path}.partial`).mode & 0o777).toBe(0o600);
      const { bytes } = await writer.finish();
      expect(readdirSync(dir)).toEqual([`bars.${format}`]);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(path).size).toBe(bytes);
    });

    it("abort closes and deletes the partial file, and the writer takes nothing more", async () => {
      const dir = tempDir();
      const path = join(dir, `bars.${format}`);
      const writer = await openExportWriter(format, META, path, {
        rowGroupRows: 100,
      });
      await writer.write("ES1!", BARS);
      await writer.abort();
      expect(readdirSync(dir)).toEqual([]);
      await expect(writer.write("ES1!", BARS)).rejects.toThrow(/closed/);
      await expect(writer.finish()).rejects.toThrow(/closed/);
      await writer.abort();
      expect(readdirSync(dir)).toEqual([]);
    });

    it("abort while a write is under way settles that write and deletes the partial file", async () => {
      const dir = tempDir();
      const path = join(dir, `bars.${format}`);
      const writer = await openExportWriter(format, META, path, {
        rowGroupRows: 50,
      });
      const pending = writer.write("ES1!", [
        ...BARS,
        ...BARS.map((b) => ({ ...b, time: b.time + 1 })),
      ]);
      const settled = Promise.allSettled([pending]);
      await writer.abort();
      const [outcome] = await settled;
      if (outcome?.status === "rejected")
        expect(String(outcome.reason)).toMatch(/closed/);
      expect(readdirSync(dir)).toEqual([]);
    });

    it("abort after finish leaves the finished file alone", async () => {
      const dir = tempDir();
      const path = join(dir, `bars.${format}`);
      const writer = await openExportWriter(format, META, path);
      await writer.write("NQ1!", BARS.slice(0, 3));
      await writer.finish();
      await writer.abort();
      expect(readdirSync(dir)).toEqual([`bars.${format}`]);
      const file =
        format === "csv"
          ? await readCsvExport(path)
          : await readParquetExport(path);
      expect(file.rows).toHaveLength(3);
    });

    it("replaces a partial file a crash left behind", async () => {
      const dir = tempDir();
      const path = join(dir, `bars.${format}`);
      writeFileSync(`${path}.partial`, "half a file from before a crash", {
        mode: 0o644,
      });
      const writer = await openExportWriter(format, META, path);
      expect(statSync(`${path}.partial`).mode & 0o777).toBe(0o600);
      await writer.write("ES1!", BARS.slice(0, 2));
      await writer.finish();
      const file =
        format === "csv"
          ? await readCsvExport(path)
          : await readParquetExport(path);
      expect(file.rows.map((r) => r.time)).toEqual([
        BARS[0]?.time,
        BARS[1]?.time,
      ]);
    });

    it("refuses a symbol the file does not name and a non-finite value, writing nothing of that chunk", async () => {
      const dir = tempDir();
      const path = join(dir, `bars.${format}`);
      const writer = await openExportWriter(format, META, path);
      await expect(writer.write("AAPL", BARS.slice(0, 1))).rejects.toThrow(
        "AAPL is not one of the export's symbols",
      );
      const bad = [BARS[0] as Bar, { ...(BARS[1] as Bar), close: Number.NaN }];
      await expect(writer.write("ES1!", bad)).rejects.toThrow(/non-finite/);
      await expect(
        writer.write("ES1!", [{ ...(BARS[0] as Bar), time: 1.5 }]),
      ).rejects.toThrow(/not a UTC epoch ms/);
      await writer.write("NQ1!", BARS.slice(0, 1));
      await writer.finish();
      const file =
        format === "csv"
          ? await readCsvExport(path)
          : await readParquetExport(path);
      expect(file.rows.map((r) => r.symbol)).toEqual(["NQ1!"]);
    });

    it("refuses a write or finish while the previous call is still running", async () => {
      const path = join(tempDir(), `bars.${format}`);
      const writer = await openExportWriter(format, META, path, {
        rowGroupRows: 1,
      });
      const first = writer.write("ES1!", BARS);
      await expect(writer.write("ES1!", BARS)).rejects.toThrow(
        /not completed yet/,
      );
      await expect(writer.finish()).rejects.toThrow(/not completed yet/);
      await first;
      await writer.finish();
      const file =
        format === "csv"
          ? await readCsvExport(path)
          : await readParquetExport(path);
      expect(file.rows).toHaveLength(BARS.length);
    });

    it("fails to open where the folder does not exist, leaving nothing behind", async () => {
      const path = join(tempDir(), "missing", `bars.${format}`);
      await expect(openExportWriter(format, META, path)).rejects.toThrow(
        /ENOENT/,
      );
    });
  },
);
