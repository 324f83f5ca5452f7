/**
 * `@tradewire/backend/testing`: the real backend for other workspaces' integration tests, so they
 * need none of the backend's internals.
 */
export {
  ManualClock,
  startTestBackend,
  WEDNESDAY_10AM_NY,
  type TestBackend,
} from "./test-backend";
export {
  spawnServer,
  type ServerProcess,
  type ServerProcessOptions,
} from "./server-process";
export { startCluster, type Cluster, type ClusterOptions } from "./cluster";
export {
  startTcpBalancer,
  type Backend,
  type TcpBalancer,
  type TcpBalancerOptions,
} from "./tcp-balancer";
