import { DAY_MS, HOUR_MS, MINUTE_MS, type Bar } from "@tradewire/client";
import { wireBar } from "../../wire-bar";
import { performance } from "node:perf_hooks";
import type { HistoryResult } from "../../history-query";
import {
  bucketEnd,
  bucketStart,
  type CatalogEntry,
  type ParsedResolution,
} from "../../market";
import type { SeriesOptions } from "../../series-options";

/** What a job reads bars through: `HistoryQuery.bars`, the same path `/bars` takes. */
export interface BarSource {
  bars(
    entry: CatalogEntry,
    resolution: ParsedResolution,
    fromMs: number,
    toMs: number,
    countback?: number,
    options?: SeriesOptions,
  ): Promise<HistoryResult>;
}

/**
 * One chunk (read, aggregate, write) should cost a few milliseconds: a PGlite read and the
 * formatting of a chunk's rows run on the event loop's thread. The span read at once doubles
 * while chunks take under 1 ms and halves past 3 ms, so it settles where a chunk costs 1-3 ms
 * whatever the storage, the resolution and the cache; a doubling overshoots by at most 2x.
 * (2-5 ms gave 1.5x the throughput but 3x the socket's p99 round trip during a job: see bench.)
 */
const FAST_MS = 1;
const SLOW_MS = 3;
const FIRST_SPAN_MS = 6 * HOUR_MS;
const MAX_SPAN_MS = 64 * DAY_MS;

export interface SymbolWalk {
  readonly source: BarSource;
  readonly entry: CatalogEntry;
  readonly resolution: ParsedResolution;
  readonly fromMs: number;
  readonly toMs: number;
  readonly options: SeriesOptions;
  readonly signal: AbortSignal;
  /** Each chunk's bars, oldest first, in order; awaited before the next chunk is read. */
  readonly onBars: (bars: Bar[]) => Promise<void>;
}

/** Thrown out of a walk when its signal aborts between chunks. */
export class WalkAborted extends Error {
  constructor() {
    super("the job was stopped");
    this.name = "WalkAborted";
  }
}

/**
 * Read one symbol's bars over [fromMs, toMs) in consecutive chunks. The query returns the bars
 * whose time is in a chunk, each read whole (to exclusive, the last bar read to its end), so every
 * bar is written once; chunk ends at calendar bucket starts keep chunks a whole number of bars for
 * the epoch-aligned resolutions. Yield to the event loop between chunks so
 * that sockets and requests are served while a long job runs.
 */
export async function walkSymbol(walk: SymbolWalk): Promise<void> {
  const { source, entry, resolution, toMs, options, signal } = walk;
  let from = walk.fromMs;
  let span = FIRST_SPAN_MS;
  while (from < toMs) {
    if (signal.aborted) throw new WalkAborted();
    const to = Math.min(
      toMs,
      Math.max(
        bucketStart(resolution, from + span),
        bucketEnd(resolution, bucketStart(resolution, from)),
      ),
    );
    const started = performance.now();
    const { bars } = await source.bars(
      entry,
      resolution,
      from,
      to,
      undefined,
      options,
    );
    if (bars.length > 0) await walk.onBars(bars.map(wireBar));
    const took = performance.now() - started;
    if (took < FAST_MS) span = Math.min(MAX_SPAN_MS, span * 2);
    else if (took > SLOW_MS) span = Math.max(MINUTE_MS * 10, span / 2);
    from = to;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (signal.aborted) throw new WalkAborted();
}
