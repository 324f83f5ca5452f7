/** Everything the benchmark uses from the backend, through its public entry. */
export {
  createApp,
  datafeedModule,
  loadConfig,
  migrateToLatest,
  openPGlite,
  openPostgres,
  QuotesWsRouter,
  silentProgress,
  type Database,
  type ModuleFactory,
  type TopicRef,
  type TopicUpdate,
  type TradewireApp,
  type WsRouteService,
} from "@tradewire/backend";
