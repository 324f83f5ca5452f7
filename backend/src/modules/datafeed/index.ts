import { DAY_MS, MINUTE_MS } from "@tradewire/client";
import { BarsWsRouter, QuotesWsRouter } from "../../generated/ws-routers";
import type { ModuleContext, TradewireModule } from "../module";
import { BarHistory } from "./bar-history";
import { ContinuousSeries } from "./continuous/continuous-series";
import { registerRollsRoute } from "./continuous/rolls-route";
import { RollStore } from "./continuous/roll-store";
import { countedHistoryReads } from "./history-reads";
import { HistoryCacheMetrics } from "./history-cache-metrics";
import { ClosedBlockCache } from "./store/closed-block-cache";
import { DatafeedService } from "./datafeed-service";
import { HistoryQuery } from "./history-query";
import { historyJobsPart, type HistoryJobsDependencies } from "./jobs/part";
import { MarketFeed } from "./live/market-feed";
import { MarketMetrics } from "./live/market-metrics";
import { buildCatalog, symbolInfo } from "./market";
import { ConsoleProgress, type ProgressReporter } from "./progress";
import { registerUdfRoutes } from "./rest/udf-routes";
import { BarStore } from "./store/bar-store";
import { SymbolCatalog } from "./symbol-catalog";
import { BarsService } from "./ws/bars-service";
import { QuotesService } from "./ws/quotes-service";

export type { DatafeedService } from "./datafeed-service";
export type { HistoryJobsDependencies } from "./jobs/part";

export interface DatafeedModuleOptions {
  /** Where the first-start backfill reports progress; the console by default. */
  readonly progress?: ProgressReporter;
  /** History jobs (`/api/v1/history/jobs`, the `jobs` channel) run only when given these. */
  readonly jobs?: HistoryJobsDependencies;
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
  const {
    seed,
    backfillDays,
    tickIntervalMs,
    historyCacheMinutes,
    historyBlockCacheMb,
  } = ctx.config.market;
  // Contracts that expired inside the history stay listed: continuous series are built from them.
  const catalog = new SymbolCatalog(
    buildCatalog(ctx.clock.now(), historyStart()),
  );
  const store = new BarStore(ctx.database);
  const cacheMetrics = new HistoryCacheMetrics(ctx.registry);
  const blockCache = cacheMetrics.watch(
    new ClosedBlockCache(historyBlockCacheMb * 1024 * 1024, cacheMetrics),
  );
  const history = new BarHistory(
    store,
    seed,
    historyCacheMinutes,
    countedHistoryReads(ctx.registry),
    { blockCache, dbReads: cacheMetrics },
  );
  const series = new ContinuousSeries({
    catalog,
    history,
    store: new RollStore(ctx.database),
    clock: ctx.clock,
    historyStart,
  });
  const feed = new MarketFeed({
    history,
    store,
    seed,
    clock: ctx.clock,
    tickIntervalMs,
    log: ctx.log,
    continuous: { series, catalog },
    ...(ctx.role.clustered
      ? {
          cluster: {
            bus: ctx.bus,
            catalog: catalog.stored,
            metrics: new MarketMetrics(ctx.registry),
            leading: ctx.role.isLeader(),
          },
        }
      : {}),
  });
  const query = new HistoryQuery(history, ctx.clock, series);
  const service = new DatafeedService(catalog, series, {
    catalog,
    feed,
    history,
    query,
    log: ctx.log,
  });
  const bars = new BarsService(catalog, feed, query);
  const quotes = new QuotesService(catalog, feed);
  const jobs = options.jobs
    ? historyJobsPart(ctx, { catalog, query }, options.jobs)
    : null;
  let stopRole: () => void = () => undefined;
  return {
    name: "datafeed",
    service,
    registerRoutes: (app) => {
      registerUdfRoutes(app, { catalog, query, feed, clock: ctx.clock });
      jobs?.registerRoutes(app);
      registerRollsRoute(app, { catalog, series });
    },
    wsRouters: () => [
      new BarsWsRouter(bars),
      new QuotesWsRouter(quotes),
      ...(jobs?.wsRouters() ?? []),
    ],
    async start() {
      await startFeed();
      await jobs?.start();
    },
    stop: async () => {
      await jobs?.stop();
      stopRole();
      await feed.stop();
    },
  };

  /** The market and its history; as a follower only where each symbol's history ends. */
  async function startFeed(): Promise<void> {
    const { role } = ctx;
    if (role.clustered) {
      stopRole = role.onChange((leader) => (leader ? lead() : feed.follow()));
      if (!role.isLeader()) {
        // Only the leader stores minutes: a follower reads where each symbol's history ends.
        await history.load(catalog.stored, historyStart());
        await history.setWriter(false, catalog.stored);
        return;
      }
    }
    await prepareHistory();
    if (role.clustered) await feed.pinAll();
  }

  /** The history every symbol needs before the leader's market runs: symbols, backfill. */
  async function prepareHistory(): Promise<void> {
    const now = ctx.clock.now();
    await store.upsertSymbols(
      catalog.entries.map((e) => ({
        ticker: e.ticker,
        info: symbolInfo(e),
      })),
    );
    await history.load(catalog.stored, historyStart());
    const until = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    const pending = history.pendingMinutes(catalog.stored, until);
    if (pending === 0) return;
    const progress = options.progress ?? new ConsoleProgress();
    const started = Date.now();
    progress.start(pending, "Backfilling 1-minute history");
    for (const entry of catalog.stored)
      await history.catchUp(entry, until, progress);
    progress.finish(
      `History ready for ${catalog.stored.length} symbols in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }

  /** A day-aligned start makes the generated history the same for every start on that day. */
  function historyStart(): number {
    const now = ctx.clock.now();
    return Math.floor((now - backfillDays * DAY_MS) / DAY_MS) * DAY_MS;
  }

  /** Follower to leader: the feed takes over the market, then the symbols are (re)declared. */
  async function lead(): Promise<void> {
    await feed.lead();
    await store.upsertSymbols(
      catalog.entries.map((e) => ({ ticker: e.ticker, info: symbolInfo(e) })),
    );
  }
}
