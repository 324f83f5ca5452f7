import type { Bar, components } from "@tradewire/client";

export type ExportFormat = components["schemas"]["ExportFormat"];

/** What an export holds, stated in the file itself (CSV comment lines, Parquet metadata). */
export interface ExportMeta {
  readonly symbols: readonly string[];
  readonly resolution: string;
  readonly adjustment: string;
  /** Range start, UTC epoch ms, inclusive. */
  readonly from: number;
  /** Range end, UTC epoch ms, exclusive. */
  readonly to: number;
}

/** Bar times are always UTC epoch ms; the files say so. */
export const EXPORT_TIMEZONE = "UTC";

/** The facts an export file states about itself, in order, as key/value pairs. */
export function exportFacts(meta: ExportMeta): [key: string, value: string][] {
  return [
    ["symbol", meta.symbols.join(",")],
    ["resolution", meta.resolution],
    ["timezone", EXPORT_TIMEZONE],
    ["adjustment", meta.adjustment],
    ["from", new Date(meta.from).toISOString()],
    ["to", new Date(meta.to).toISOString()],
  ];
}

/**
 * Throw unless `symbol` is one the file's header names and every bar has finite numbers and a
 * whole-millisecond time: a file must never state one thing and hold another.
 */
export function checkBars(
  symbols: ReadonlySet<string>,
  symbol: string,
  bars: readonly Bar[],
): void {
  if (!symbols.has(symbol))
    throw new Error(`${symbol} is not one of the export's symbols`);
  for (const bar of bars) {
    const { time, open, high, low, close, volume, vwap } = bar;
    if (!Number.isSafeInteger(time) || time < 0)
      throw new RangeError(`${symbol}: bar time ${time} is not a UTC epoch ms`);
    if (
      !Number.isFinite(open) ||
      !Number.isFinite(high) ||
      !Number.isFinite(low) ||
      !Number.isFinite(close) ||
      !Number.isFinite(volume) ||
      (vwap !== undefined && !Number.isFinite(vwap))
    )
      throw new RangeError(`${symbol}: bar at ${time} has a non-finite value`);
  }
}
