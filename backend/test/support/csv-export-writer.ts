import type { Bar } from "@tradewire/client";
import { open, rm } from "node:fs/promises";
import type { OpenExportWriter } from "../../src/modules/datafeed";

/**
 * A plain CSV writer in the ExportFormat's `csv` layout, for the jobs tests while the export
 * writers (modules/datafeed/export) are built elsewhere: it writes each chunk as it comes.
 */
export const openCsvTestWriter: OpenExportWriter = async (
  _format,
  meta,
  path,
) => {
  const file = await open(path, "w", 0o600);
  let bytes = 0;
  const put = async (text: string) => {
    const data = Buffer.from(text, "utf8");
    await file.write(data);
    bytes += data.length;
  };
  await put(
    `# symbol=${meta.symbols.join(" ")}\n# resolution=${meta.resolution}\n# timezone=UTC\n# adjustment=${meta.adjustment}\nsymbol,time,open,high,low,close,volume,vwap,filled\n`,
  );
  return {
    async write(symbol: string, bars: readonly Bar[]) {
      await put(
        bars
          .map(
            (b) =>
              `${symbol},${b.time},${b.open},${b.high},${b.low},${b.close},${b.volume},${b.vwap ?? ""},${b.filled ? "true" : ""}\n`,
          )
          .join(""),
      );
    },
    async finish() {
      await file.close();
      return { bytes };
    },
    async abort() {
      await file.close().catch(() => undefined);
      await rm(path, { force: true });
    },
  };
};

/** Bars read back from such a file, by symbol. */
export function readCsvExport(text: string): Map<string, Bar[]> {
  const out = new Map<string, Bar[]>();
  const lines = text.split("\n").filter((l) => l && !l.startsWith("#"));
  for (const line of lines.slice(1)) {
    const [symbol, time, open, high, low, close, volume, vwap, filled] =
      line.split(",");
    const bar: Bar = {
      time: Number(time),
      open: Number(open),
      high: Number(high),
      low: Number(low),
      close: Number(close),
      volume: Number(volume),
      ...(vwap ? { vwap: Number(vwap) } : {}),
      ...(filled === "true" ? { filled: true } : {}),
    };
    const list = out.get(symbol as string) ?? [];
    list.push(bar);
    out.set(symbol as string, list);
  }
  return out;
}
