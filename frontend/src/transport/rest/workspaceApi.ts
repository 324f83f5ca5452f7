import type {
  Drawing_Api_Backend,
  UserSettings_Api_Backend,
  WatchlistInput_Api_Backend,
  Watchlist_Api_Backend,
} from "../../clients/api-types-generated";

/**
 * What the terminal keeps per user on the server (/api/v1/settings, /watchlists, /drawings), in
 * wire shapes; failures are ApiErrors.
 */
export interface WorkspaceApi {
  settings(): Promise<UserSettings_Api_Backend>;
  /** Replaces the whole document (a property left out takes its default). */
  replaceSettings(
    settings: UserSettings_Api_Backend,
  ): Promise<UserSettings_Api_Backend>;
  /** In creation order; a user without any gets `Main` on this first read. */
  watchlists(): Promise<Watchlist_Api_Backend[]>;
  createWatchlist(
    input: WatchlistInput_Api_Backend,
  ): Promise<Watchlist_Api_Backend>;
  /** Rename and set the symbols in order: add, remove and reorder are all this call. */
  replaceWatchlist(
    id: string,
    input: WatchlistInput_Api_Backend,
  ): Promise<Watchlist_Api_Backend>;
  deleteWatchlist(id: string): Promise<void>;
  drawings(symbol: string): Promise<Drawing_Api_Backend[]>;
  replaceDrawings(
    symbol: string,
    drawings: readonly Drawing_Api_Backend[],
  ): Promise<Drawing_Api_Backend[]>;
}
