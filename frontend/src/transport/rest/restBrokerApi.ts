import type { RestClient } from "@tradewire/client";
import { call } from "./call";
import type { BrokerApi } from "./brokerApi";

/** BrokerApi over the real endpoints; the session cookie (or a bearer token) picks the account. */
export function restBrokerApi(rest: RestClient): BrokerApi {
  return {
    placeOrder: (body) => call(rest.POST("/api/v1/broker/orders", { body })),
    modifyOrder: (orderId, body) =>
      call(
        rest.PUT("/api/v1/broker/orders/{orderId}", {
          params: { path: { orderId } },
          body,
        }),
      ),
    cancelOrder: (orderId) =>
      call(
        rest.DELETE("/api/v1/broker/orders/{orderId}", {
          params: { path: { orderId } },
        }),
      ),
    closePosition: (positionId, qty) =>
      call(
        rest.DELETE("/api/v1/broker/positions/{positionId}", {
          params: {
            path: { positionId },
            ...(qty === undefined ? {} : { query: { qty } }),
          },
        }),
      ),
    listExecutions: (before, limit) =>
      call(
        rest.GET("/api/v1/broker/executions", {
          params: {
            query: {
              ...(before === undefined ? {} : { before }),
              ...(limit === undefined ? {} : { limit }),
            },
          },
        }),
      ),
  };
}
