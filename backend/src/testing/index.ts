/**
 * `@tradewire/backend/testing`: the real backend for other workspaces' integration tests, so they
 * need none of the backend's internals.
 */
export {
  ManualClock,
  migratedPGlite,
  startTestBackend,
  unclosable,
  WEDNESDAY_10AM_NY,
  type TestBackend,
  type TestBackendOptions,
} from "./test-backend";
export {
  spawnServer,
  type ServerProcess,
  type ServerProcessOptions,
} from "./server-process";
export { freePort, startRedisServer, type RedisServer } from "./redis-server";
export { startCluster, type Cluster, type ClusterOptions } from "./cluster";
export {
  startTcpBalancer,
  type Backend,
  type TcpBalancer,
  type TcpBalancerOptions,
} from "./tcp-balancer";
export { createRunDatabase, type RunDatabase } from "./run-database";
export {
  exportedBar,
  readCsvExport,
  readParquetExport,
  type ExportedBar,
  type ExportFile,
} from "./export-files";
