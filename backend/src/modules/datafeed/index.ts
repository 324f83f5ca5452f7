import { DAY_MS, MINUTE_MS } from "@tradewire/client";
import { BarsWsRouter, QuotesWsRouter } from "../../generated/ws-routers";
import type { ModuleContext, TradewireModule } from "../module";
import { BarHistory } from "./bar-history";
import { countedHistoryReads } from "./history-reads";
import { DatafeedService } from "./datafeed-service";
import { HistoryQuery } from "./history-query";
import { MarketFeed } from "./live/market-feed";
import { buildCatalog, symbolInfo } from "./market";
import { ConsoleProgress, type ProgressReporter } from "./progress";
import { registerUdfRoutes } from "./rest/udf-routes";
import { BarStore } from "./store/bar-store";
import { SymbolCatalog } from "./symbol-catalog";
import { BarsService } from "./ws/bars-service";
import { QuotesService } from "./ws/quotes-service";

export type { DatafeedService } from "./datafeed-service";

export interface DatafeedModuleOptions {
  /** Where the first-start backfill reports progress; the console by default. */
  readonly progress?: ProgressReporter;
}

/**
 * The datafeed: a simulated market for the symbol catalog, its 1-minute history (backfilled on
 * first start, then extended as minutes close), UDF REST, and the live `bars` and `quotes` channels.
 */
export function datafeedModule(
  ctx: ModuleContext,
  options: DatafeedModuleOptions = {},
): TradewireModule<DatafeedService> {
  if (!ctx.database) throw new Error("the datafeed module needs a database");
  const { seed, backfillDays, tickIntervalMs, historyCacheMinutes } =
    ctx.config.market;
  const catalog = new SymbolCatalog(buildCatalog(ctx.clock.now()));
  const store = new BarStore(ctx.database);
  const history = new BarHistory(
    store,
    seed,
    historyCacheMinutes,
    countedHistoryReads(ctx.registry),
  );
  const feed = new MarketFeed({
    history,
    store,
    seed,
    clock: ctx.clock,
    tickIntervalMs,
    log: ctx.log,
  });
  const query = new HistoryQuery(history, ctx.clock);
  const service = new DatafeedService(catalog, {
    catalog,
    feed,
    history,
    query,
    log: ctx.log,
  });
  const bars = new BarsService(catalog, feed, history);
  const quotes = new QuotesService(catalog, feed);
  return {
    name: "datafeed",
    service,
    registerRoutes: (app) =>
      registerUdfRoutes(app, { catalog, query, feed, clock: ctx.clock }),
    wsRouters: () => [new BarsWsRouter(bars), new QuotesWsRouter(quotes)],
    async start() {
      const now = ctx.clock.now();
      await store.upsertSymbols(
        catalog.entries.map((e) => ({
          ticker: e.ticker,
          info: symbolInfo(e),
        })),
      );
      // A day-aligned start makes the generated history the same for every start on that day.
      await history.load(
        catalog.entries,
        Math.floor((now - backfillDays * DAY_MS) / DAY_MS) * DAY_MS,
      );
      const until = Math.floor(now / MINUTE_MS) * MINUTE_MS;
      const pending = history.pendingMinutes(catalog.entries, until);
      if (pending === 0) return;
      const progress = options.progress ?? new ConsoleProgress();
      const started = Date.now();
      progress.start(pending, "Backfilling 1-minute history");
      for (const entry of catalog.entries)
        await history.catchUp(entry, until, progress);
      progress.finish(
        `History ready for ${catalog.entries.length} symbols in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    },
    stop: () => feed.stop(),
  };
}
