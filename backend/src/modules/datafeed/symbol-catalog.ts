import { TopicError } from "../../ws";
import {
  findSymbol,
  parseResolution,
  type CatalogEntry,
  type ParsedResolution,
} from "./market";

/** What a refusal of a resolution tells the caller is accepted. */
export const RESOLUTION_RULE =
  "1 to 99999 minutes (1, 7, 45, 240) or 1 to 99 days, weeks or months (1D, 2D, 3W, 3M)";

/** The instruments this datafeed serves, and the checks every entry point applies to names. */
export class SymbolCatalog {
  /** The instruments with a history and a feed of their own: every entry but continuous series. */
  readonly stored: readonly CatalogEntry[];

  constructor(readonly entries: readonly CatalogEntry[]) {
    this.stored = entries.filter((e) => e.continuous === undefined);
  }

  find(symbol: string): CatalogEntry | undefined {
    return findSymbol(this.entries, symbol);
  }

  /** The entry, or a TopicError with UNKNOWN_SYMBOL. */
  require(symbol: string): CatalogEntry {
    const entry = this.find(symbol);
    if (!entry)
      throw new TopicError(
        "UNKNOWN_SYMBOL",
        `unknown symbol ${JSON.stringify(symbol)}`,
      );
    return entry;
  }

  /**
   * Any period the spec's Resolution allows, built from the 1-minute history (`D` is read as
   * `1D`), or null. SUPPORTED_RESOLUTIONS is only what the chart's picker lists.
   */
  resolution(resolution: string): ParsedResolution | null {
    return parseResolution(resolution);
  }

  /** The resolution, or a TopicError with UNKNOWN_RESOLUTION. */
  requireResolution(resolution: string): ParsedResolution {
    const parsed = this.resolution(resolution);
    if (!parsed) {
      throw new TopicError(
        "UNKNOWN_RESOLUTION",
        `unsupported resolution ${JSON.stringify(resolution)}; supported: ${RESOLUTION_RULE}`,
      );
    }
    return parsed;
  }
}
