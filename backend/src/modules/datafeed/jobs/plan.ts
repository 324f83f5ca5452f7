import { SUPPORTED_RESOLUTIONS, type CatalogEntry } from "../market";
import type { ParsedResolution } from "../market";
import type { SymbolCatalog } from "../symbol-catalog";
import type { HistoryJobInput } from "./model";
import { JobRejection } from "./rejection";

/** A checked job request: its instruments, its resolution and its range in UTC ms. */
export interface JobPlan {
  readonly entries: readonly CatalogEntry[];
  readonly resolution: ParsedResolution;
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Check what the schema cannot, as `/bars` does: every symbol known (404 `UNKNOWN_SYMBOL`) and
 * named once, the resolution supported, `from` before `to` and not in the future (400
 * `INVALID_RANGE`), an adjustment only on continuous futures. A range far into the past or the
 * future is fine: the job walks only the part that holds stored bars.
 */
export function planJob(
  catalog: SymbolCatalog,
  input: HistoryJobInput,
  nowMs: number,
): JobPlan {
  const entries: CatalogEntry[] = [];
  for (const symbol of input.symbols) {
    const entry = catalog.find(symbol);
    if (!entry)
      throw new JobRejection(
        404,
        "UNKNOWN_SYMBOL",
        `unknown symbol ${JSON.stringify(symbol)}`,
        "symbols",
      );
    if (entries.includes(entry))
      throw new JobRejection(
        400,
        "INVALID_PARAMS",
        `symbol ${entry.ticker} is named twice`,
        "symbols",
      );
    if (
      input.adjustment !== undefined &&
      input.adjustment !== "none" &&
      !entry.continuous
    )
      throw new JobRejection(
        400,
        "INVALID_PARAMS",
        `adjustment ${input.adjustment} applies only to continuous futures (ES1!), not ${entry.ticker}`,
        "adjustment",
      );
    entries.push(entry);
  }
  const resolution = catalog.resolution(input.resolution);
  if (!resolution)
    throw new JobRejection(
      400,
      "UNKNOWN_RESOLUTION",
      `unsupported resolution ${JSON.stringify(input.resolution)}; supported: ${SUPPORTED_RESOLUTIONS.join(", ")}`,
      "resolution",
    );
  if (input.from >= input.to)
    throw new JobRejection(
      400,
      "INVALID_RANGE",
      `from (${input.from}) must be before to (${input.to})`,
      "from",
    );
  const fromMs = input.from * 1000;
  if (fromMs > nowMs)
    throw new JobRejection(
      400,
      "INVALID_RANGE",
      `the range starts in the future (from ${input.from}, now ${Math.floor(nowMs / 1000)})`,
      "from",
    );
  // Past now nothing is stored: the walk ends two days on (a trading day's bar can be dated the
  // next day), which also keeps `to * 1000` within exact integers.
  return {
    entries,
    resolution,
    fromMs,
    toMs: Math.min(input.to * 1000, nowMs + 2 * 86_400_000),
  };
}
