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
  type Database,
  type TradewireModule,
  type TopicRef,
  type TopicUpdate,
  type TradewireApp,
  type WsRouteService,
} from "@tradewire/backend";
