import { MINUTE_MS } from "@tradewire/client";
import type { Database } from "../../../../db/database";

/**
 * Where each symbol's stored history begins, so a job walks only the part of its range that can
 * hold bars (a range from 1970 would otherwise be walked chunk by empty chunk). One primary-key
 * lookup per symbol.
 */
export class HistoryExtent {
  constructor(private readonly database: Database) {}

  /** The first stored minute of the symbol (UTC ms), or null when it has none. */
  async oldest(symbol: string): Promise<number | null> {
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
