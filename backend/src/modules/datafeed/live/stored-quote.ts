import type { BarHistory } from "../bar-history";
import { QuoteBook, type CatalogEntry } from "../market";
import type { BarStore } from "../store/bar-store";

/** Stored bars replayed into a fresh quote: enough for the previous session's close over a weekend. */
const QUOTE_LOOKBACK = 4 * 86_400_000;

/**
 * A symbol's quote from the stored history up to `minuteStart`, brought up to date first (on a
 * cluster follower: read up to date, the leader stores).
 */
export async function storedQuote(
  deps: { readonly history: BarHistory; readonly store: BarStore },
  entry: CatalogEntry,
  minuteStart: number,
): Promise<QuoteBook> {
  const { history, store } = deps;
  await history.catchUp(entry, minuteStart);
  const recent = await store.range(
    entry.ticker,
    minuteStart - QUOTE_LOOKBACK,
    minuteStart,
  );
  const quote = new QuoteBook(
    entry,
    recent[0]?.open ?? history.cursor(entry.ticker).lastClose,
  );
  for (const bar of recent) quote.applyBar(bar);
  return quote;
}
