/**
 * Limits of the workspace the schema cannot state (the rest, 200 symbols a list, 100 drawings a
 * chart, 500 remembered quantities, are in specs/schemas/workspace.yaml and enforced by it).
 * Fixed by the spec's operation summaries, so not configurable.
 */
export const MAX_WATCHLISTS = 20;

/** Points a drawing of each kind has: a horizontal line is one price, a trend line two points. */
export const DRAWING_POINTS = { horizontal: 1, trend: 2 } as const;

/** Name of the list a user who has none gets on their first read. */
export const DEFAULT_WATCHLIST_NAME = "Main";

/**
 * The terminal's default symbols, the same list and order as `DEFAULT_WATCHLIST` in
 * frontend/src/stores/market.ts (the backend never imports the terminal's code:
 * test/workspace/default-watchlist.test.ts reads that file and checks the two still agree). Each
 * is in the datafeed's catalog (modules/datafeed/market/listings.ts); one that is not is left out
 * of the list with a warning at start rather than failing every first read.
 */
export const DEFAULT_WATCHLIST_SYMBOLS: readonly string[] = [
  "AAPL",
  "MSFT",
  "NVDA",
  "TSLA",
  "EURUSD",
  "USDJPY",
  "BTCUSD",
  "ETHUSD",
];
