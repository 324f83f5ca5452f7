/**
 * Everything the benchmark uses from the backend, in one place. The backend workspace has no
 * public entry yet (its package.json names a `src/index.ts` that does not exist), so these are
 * source imports, the same ones its own integration tests make.
 */
export { createApp, type TradewireApp } from "../../backend/src/app";
export { loadConfig } from "../../backend/src/config";
export type { Database } from "../../backend/src/db/database";
export { migrateToLatest } from "../../backend/src/db/migrate";
export { openPGlite } from "../../backend/src/db/pglite";
export { openPostgres } from "../../backend/src/db/postgres";
export { QuotesWsRouter } from "../../backend/src/generated/ws-routers";
export type { ModuleFactory } from "../../backend/src/modules/module";
export { datafeedModule } from "../../backend/src/modules/datafeed";
export { silentProgress } from "../../backend/src/modules/datafeed/progress";
export type {
  TopicRef,
  TopicUpdate,
  WsRouteService,
} from "../../backend/src/ws/ws-route-service";
