import { MINUTE_MS } from "@tradewire/client";
import type { Database } from "../../../../db/database";
import type { CatalogEntry } from "../../market";

/**
 * Where each symbol's stored history begins, so a job walks only the part of its range that can
 * hold bars (a range from 1970 would otherwise be walked chunk by empty chunk). One primary-key
 * lookup per stored symbol; a continuous series (`ES1!`) begins where the oldest of its root's
 * contracts does.
 */
export class HistoryExtent {
  constructor(
    private readonly database: Database,
    private readonly stored: readonly CatalogEntry[],
  ) {}

  /** The first stored minute behind the symbol (UTC ms), or null when there is none. */
  async oldest(entry: CatalogEntry): Promise<number | null> {
    const { continuous } = entry;
    if (!continuous) return this.oldestOf(entry.ticker);
    let oldest: number | null = null;
    for (const contract of this.stored)
      if (
        contract.type === entry.type &&
        contract.ticker.startsWith(continuous.root)
      ) {
        const first = await this.oldestOf(contract.ticker);
        if (first !== null && (oldest === null || first < oldest))
          oldest = first;
      }
    return oldest;
  }

  private async oldestOf(symbol: string): Promise<number | null> {
    const row = await this.database.db
      .selectFrom("bars_1m")
      .select("minute")
      .where("symbol", "=", symbol)
      .orderBy("minute")
      .limit(1)
      .executeTakeFirst();
    return row ? row.minute * MINUTE_MS : null;
  }
}
