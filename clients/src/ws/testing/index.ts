/**
 * `@tradewire/client/testing`: what tests of code built on the client use, in this package and
 * in the terminal: a scriptable protocol server, a manual clock, fixtures and client helpers.
 * (harness.ts stays the package's own: it registers vitest hooks when imported.)
 */
export { recordStates, waitForState, Collector } from "./client-helpers.js";
export { AAPL_1, bar, execution, order } from "./fixtures.js";
export { ManualClock } from "./manual-clock.js";
export {
  ProtocolServer,
  sendUpdate,
  type ReceivedFrame,
  type SubscribeReply,
} from "./protocol-server.js";
