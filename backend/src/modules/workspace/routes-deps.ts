import type { JwtAuth } from "../../auth/jwt";
import type { Clock } from "../../clock";
import type { MarketData } from "../../contracts/market-data";
import type { DrawingStore } from "./drawing-store";
import type { SettingsStore } from "./settings-store";
import type { WatchlistStore } from "./watchlist-store";

/** What the workspace's REST handlers use. Everything is the caller's own, by the token's user. */
export interface WorkspaceRouteDeps {
  readonly auth: JwtAuth;
  readonly clock: Clock;
  readonly market: MarketData;
  readonly settings: SettingsStore;
  readonly watchlists: WatchlistStore;
  readonly drawings: DrawingStore;
  /** The listed default symbols a first list holds. */
  readonly defaultSymbols: readonly string[];
}
