/**
 * The backend as a library: the app factory and configuration, the databases, the feature modules
 * and what a new module implements. `src/main.ts` is the server; the benchmarks embed the app
 * through this entry.
 */
export { createApp, type TradewireApp } from "./app";
export { loadConfig } from "./config";
export type { Bus } from "./bus/bus";
export { RedisBus, type RedisBusOptions } from "./bus/redis-bus";
export { marketChannel } from "./cluster/channels";
export type { Database } from "./db/database";
export { migrateToLatest } from "./db/migrate";
export { openPGlite } from "./db/pglite";
export { openPostgres } from "./db/postgres";
export * from "./generated/ws-routers";
export { datafeedModules, tradingModules } from "./compositions";
export type {
  ModuleComposition,
  ModuleContext,
  TradewireModule,
} from "./modules/module";
export {
  analyticsModule,
  type AnalyticsDependencies,
} from "./modules/analytics";
export { authModule } from "./modules/auth";
export { brokerModule, type BrokerDependencies } from "./modules/broker";
export {
  datafeedModule,
  type DatafeedModuleOptions,
  type DatafeedService,
} from "./modules/datafeed";
export { silentProgress } from "./modules/datafeed/progress";
export type { TopicRef, TopicUpdate, WsRouteService } from "./ws";
export {
  openExportWriter,
  type ExportFormat,
  type ExportMeta,
  type ExportWriter,
} from "./modules/datafeed/export";
// The deterministic market, for benchmarks that need realistic bars without a database.
export {
  buildCatalog,
  findSymbol,
  generateBars,
} from "./modules/datafeed/market";
