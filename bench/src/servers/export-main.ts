import { rmSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  buildCatalog,
  findSymbol,
  generateBars,
  openExportWriter,
  type ExportFormat,
} from "../backend";
import { serveIpc } from "../harness/ipc";

/**
 * Entry of the export scenario: one export (or, with format `none`, the same bars generated and
 * dropped, the baseline) in a fresh process, so its RSS is the export's alone. Bars come from
 * the backend's deterministic market a chunk at a time, as a history job reads them; only the
 * writer's calls are timed.
 */

export interface ExportRunRequest {
  readonly format: ExportFormat | "none";
  readonly symbols: readonly string[];
  /** UTC ms, the range of 1-minute bars exported. */
  readonly from: number;
  readonly to: number;
  /** Bars handed to each `write` call: this many days of one symbol. */
  readonly chunkDays: number;
  readonly dir: string;
}

export interface ExportRunResult {
  readonly format: ExportFormat | "none";
  readonly rows: number;
  readonly bytes: number;
  readonly writeMs: number;
  readonly generateMs: number;
  /** Median and longest `write` call (one chunk): mostly synchronous encoding. */
  readonly medianWriteMs: number;
  readonly longestWriteMs: number;
  /** Which call was the longest (0: the first, which also compiles the encoder). */
  readonly longestWriteIndex: number;
  readonly rssBeforeBytes: number;
  /** Highest RSS seen (sampled after every chunk) minus RSS before the export, after a full GC. */
  readonly peakRssGrowthBytes: number;
  /** Heap in use after a full GC at the end minus the same at the start. */
  readonly heapGrowthBytes: number;
}

const DAY_MS = 86_400_000;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

async function run(req: ExportRunRequest): Promise<ExportRunResult> {
  const catalog = buildCatalog(req.to);
  const entries = req.symbols.map((symbol) => {
    const entry = findSymbol(catalog, symbol);
    if (!entry) throw new Error(`${symbol} is not listed`);
    return entry;
  });
  const path = join(req.dir, `export-bench.${req.format}`);
  gc();
  const rssBefore = process.memoryUsage.rss();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakRss = rssBefore;
  let rows = 0;
  let writeMs = 0;
  let generateMs = 0;
  const writeCalls: number[] = [];
  const writer =
    req.format === "none"
      ? null
      : await openExportWriter(
          req.format,
          {
            symbols: req.symbols,
            resolution: "1",
            adjustment: "none",
            from: req.from,
            to: req.to,
          },
          path,
        );
  for (const entry of entries) {
    let close = entry.sim.initialPrice;
    for (let t = req.from; t < req.to; t += req.chunkDays * DAY_MS) {
      const generating = performance.now();
      const bars = generateBars(
        entry,
        1,
        t,
        Math.min(t + req.chunkDays * DAY_MS, req.to),
        close,
      );
      generateMs += performance.now() - generating;
      close = bars.at(-1)?.close ?? close;
      rows += bars.length;
      if (writer) {
        const writing = performance.now();
        await writer.write(entry.ticker, bars);
        const took = performance.now() - writing;
        writeMs += took;
        writeCalls.push(took);
      }
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }
  }
  let bytes = 0;
  if (writer) {
    const finishing = performance.now();
    bytes = (await writer.finish()).bytes;
    writeMs += performance.now() - finishing;
    if (statSync(path).size !== bytes) throw new Error("size mismatch");
    rmSync(path);
  }
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  gc();
  const sorted = [...writeCalls].sort((a, b) => a - b);
  const longestWriteMs = sorted.at(-1) ?? 0;
  return {
    format: req.format,
    rows,
    bytes,
    writeMs,
    generateMs,
    medianWriteMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    longestWriteMs,
    longestWriteIndex: writeCalls.indexOf(longestWriteMs),
    rssBeforeBytes: rssBefore,
    peakRssGrowthBytes: peakRss - rssBefore,
    heapGrowthBytes: process.memoryUsage().heapUsed - heapBefore,
  };
}

serveIpc<ExportRunRequest, ExportRunResult>(run);
