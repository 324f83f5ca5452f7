import type { MarketData } from "../../contracts/market-data";
import type { ModuleContext, TradewireModule } from "../module";
import { registerDrawingRoutes } from "./drawing-routes";
import { DrawingStore } from "./drawing-store";
import { DEFAULT_WATCHLIST_SYMBOLS } from "./limits";
import type { WorkspaceRouteDeps } from "./routes-deps";
import { registerSettingsRoutes } from "./settings-routes";
import { SettingsStore } from "./settings-store";
import { registerWatchlistRoutes } from "./watchlist-routes";
import { WatchlistStore } from "./watchlist-store";

/** What the workspace needs of other modules, given by whoever composes the app. */
export interface WorkspaceDependencies {
  /** Which symbols exist and how they are spelt (the datafeed module's service). */
  readonly market: MarketData;
}

/**
 * The trader's workspace, kept per user so it follows them across devices and accounts: settings
 * (`/api/v1/settings`), named watchlists (`/api/v1/watchlists`) and chart drawings
 * (`/api/v1/drawings/{symbol}`). REST only; nothing of it streams.
 */
export function workspaceModule(
  ctx: ModuleContext,
  { market }: WorkspaceDependencies,
): TradewireModule<null> {
  if (!ctx.database) throw new Error("the workspace module needs a database");
  const defaultSymbols = DEFAULT_WATCHLIST_SYMBOLS.flatMap((symbol) => {
    const listed = market.instrument(symbol);
    return listed ? [listed.ticker] : [];
  });
  const deps: WorkspaceRouteDeps = {
    auth: ctx.auth,
    clock: ctx.clock,
    market,
    settings: new SettingsStore(ctx.database),
    watchlists: new WatchlistStore(ctx.database),
    drawings: new DrawingStore(ctx.database),
    defaultSymbols,
  };
  return {
    name: "workspace",
    service: null,
    registerRoutes(app) {
      registerSettingsRoutes(app, deps);
      registerWatchlistRoutes(app, deps);
      registerDrawingRoutes(app, deps);
    },
    wsRouters: () => [],
    start() {
      const missing = DEFAULT_WATCHLIST_SYMBOLS.length - defaultSymbols.length;
      if (missing > 0)
        ctx.log.warn(
          { listed: defaultSymbols },
          "default watchlist symbols missing from the datafeed's catalog",
        );
      return Promise.resolve();
    },
    stop: () => Promise.resolve(),
  };
}
