/** Everything the benchmark uses from the backend, through its public entry. */
export {
  createApp,
  datafeedModules,
  loadConfig,
  migrateToLatest,
  openPGlite,
  openPostgres,
  QuotesWsRouter,
  silentProgress,
  tradingModules,
  type Database,
  type DatafeedService,
  type TradewireModule,
  type TopicRef,
  type TopicUpdate,
  type TradewireApp,
  type WsRouteService,
} from "@tradewire/backend";
