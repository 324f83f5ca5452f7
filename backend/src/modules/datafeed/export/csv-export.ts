import type { Bar } from "@tradewire/client";
import { checkBars, exportFacts, type ExportMeta } from "./export-meta";
import { EXPORT_COLUMNS, type ExportWriter } from "./export-writer";
import { PartialFile } from "./partial-file";
import { plainNumber } from "./plain-number";

/** Rows joined into one stream write: big enough to amortise the call, small enough to stream. */
const ROWS_PER_CHUNK = 2048;

/** The comment lines and the header row every CSV export starts with. */
export function csvPreamble(meta: ExportMeta): string {
  const comments = exportFacts(meta).map(
    ([key, value]) => `# ${key}=${value}\n`,
  );
  return `${comments.join("")}${EXPORT_COLUMNS.join(",")}\n`;
}

/** One CSV row (with its newline); a missing vwap is an empty field, `filled` true or false. */
export function csvRow(symbol: string, bar: Bar): string {
  const vwap = bar.vwap === undefined ? "" : plainNumber(bar.vwap);
  return (
    `${csvField(symbol)},${plainNumber(bar.time)},${plainNumber(bar.open)},` +
    `${plainNumber(bar.high)},${plainNumber(bar.low)},${plainNumber(bar.close)},` +
    `${plainNumber(bar.volume)},${vwap},${bar.filled === true}\n`
  );
}

/** RFC 4180 quoting, for a symbol that ever holds a comma, quote or line break. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV export streamed to `path` (through `path.partial`). */
export async function openCsvExport(
  meta: ExportMeta,
  path: string,
): Promise<ExportWriter> {
  const file = await PartialFile.create(path);
  const symbols = new Set(meta.symbols);
  try {
    await file.write(csvPreamble(meta));
  } catch (err) {
    await file.discard();
    throw err;
  }
  return {
    async write(symbol, bars) {
      checkBars(symbols, symbol, bars);
      for (let start = 0; start < bars.length; start += ROWS_PER_CHUNK) {
        let chunk = "";
        const end = Math.min(start + ROWS_PER_CHUNK, bars.length);
        for (let i = start; i < end; i++)
          chunk += csvRow(symbol, bars[i] as Bar);
        await file.write(chunk);
      }
    },
    finish: async () => ({ bytes: await file.commit() }),
    abort: () => file.discard(),
  };
}
