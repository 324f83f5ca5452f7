// The simulation's public entry: the in-browser stand-in for the server, in its two halves
// (REST APIs and the socket adapter) over one simulated market and paper broker.
export {
  createSimulatedServer,
  type SimulatedServer,
  type SimulatedServerOptions,
} from "./simulatedServer";
export { systemClock, type SimulationClock } from "./clock";
export { LivePriceSource } from "./broker/livePrices";
export { SimulatedAdapter } from "./ws/simulatedAdapter";
export { simulatedAlertsApi } from "./rest/simulatedAlertsApi";
export {
  simulatedAccount,
  simulatedAuthApi,
  simulatedUser,
} from "./rest/simulatedAuthApi";
export { simulatedWorkspaceApi } from "./rest/simulatedWorkspaceApi";
export { simulatedHistoryApi } from "./rest/simulatedHistoryApi";
export { simulatedBrokerApi } from "./rest/simulatedBrokerApi";
export { simulatedMarketApi } from "./rest/simulatedMarketApi";
