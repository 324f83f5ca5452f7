import type { SimulatedBroker } from "../broker/simulatedBroker";
import type { BrokerApi } from "../../transport/rest/brokerApi";
import { simulate } from "./simulate";

/** BrokerApi served by the simulated broker. */
export function simulatedBrokerApi(broker: SimulatedBroker): BrokerApi {
  return {
    placeOrder: (request) => simulate(() => broker.place(request)),
    modifyOrder: (orderId, request) =>
      simulate(() => broker.modify(orderId, request)),
    cancelOrder: (orderId) => simulate(() => broker.cancel(orderId)),
    closePosition: (positionId, qty) =>
      simulate(() => broker.closePosition(positionId, qty)),
    listExecutions: (before, limit) =>
      simulate(() => broker.listExecutions(before, limit)),
  };
}
