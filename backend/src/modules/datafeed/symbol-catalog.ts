import { TopicError } from "../../ws";
import {
  findSymbol,
  parseResolution,
  SUPPORTED_RESOLUTIONS,
  type CatalogEntry,
  type ParsedResolution,
} from "./market";

/** The instruments this datafeed serves, and the checks every entry point applies to names. */
export class SymbolCatalog {
  private readonly supported: ReadonlySet<string>;
  /** The instruments with a history and a feed of their own: every entry but continuous series. */
  readonly stored: readonly CatalogEntry[];

  constructor(readonly entries: readonly CatalogEntry[]) {
    this.supported = new Set(SUPPORTED_RESOLUTIONS);
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

  /** A supported resolution (`D` is read as `1D`), or null. */
  resolution(resolution: string): ParsedResolution | null {
    const parsed = parseResolution(resolution);
    return parsed && this.supported.has(parsed.canonical) ? parsed : null;
  }

  /** The resolution, or a TopicError with UNKNOWN_RESOLUTION. */
  requireResolution(resolution: string): ParsedResolution {
    const parsed = this.resolution(resolution);
    if (!parsed) {
      throw new TopicError(
        "UNKNOWN_RESOLUTION",
        `unsupported resolution ${JSON.stringify(resolution)}; supported: ${[...this.supported].join(", ")}`,
      );
    }
    return parsed;
  }
}
