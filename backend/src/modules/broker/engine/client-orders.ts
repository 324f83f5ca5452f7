import { OrderStatus, type components, type Order } from "@tradewire/client";
import { BrokerRejection } from "../domain/rejection";
import type { BookOrder } from "../store/rows";
import type { Placement } from "./placement-result";

type PlaceOrderRequest = components["schemas"]["PlaceOrderRequest"];

/** What a placement asks for, as canonical JSON: the same body always gives the same string. */
export function clientRequestOf(request: PlaceOrderRequest): string {
  return canonical({
    symbol: request.symbol,
    type: request.type,
    side: request.side,
    qty: request.qty,
    limitPrice: request.limitPrice,
    stopPrice: request.stopPrice,
    takeProfit: request.takeProfit,
    stopLoss: request.stopLoss,
    duration: (request.duration ?? { type: "DAY" }).type,
  });
}

/**
 * The answer to a clientOrderId that already names an order: the first answer again (same status
 * and body) when the request is the same, 409 CLIENT_ORDER_ID_REUSED with that order when not.
 */
export function repeatedPlacement(
  earlier: BookOrder,
  request: PlaceOrderRequest,
): Placement {
  const original = earlier.clientRequest ?? requestOfOrder(earlier.order);
  if (original !== clientRequestOf(request)) {
    return {
      status: 409,
      order: earlier.order,
      error: new BrokerRejection(
        "CLIENT_ORDER_ID_REUSED",
        `clientOrderId ${JSON.stringify(request.clientOrderId)} already names order ${earlier.order.id}, placed with a different request`,
        "clientOrderId",
      ),
    };
  }
  if (earlier.order.status === OrderStatus.Rejected) {
    return {
      status: 422,
      order: earlier.order,
      error: new BrokerRejection(
        earlier.rejectCode ?? "INVALID_ORDER",
        earlier.order.rejectReason ?? "rejected",
        undefined,
        true,
      ),
    };
  }
  return { status: 201, order: earlier.order };
}

/** Orders stored before requests were kept hold the request's own numbers: compare with those. */
function requestOfOrder(order: Order): string {
  return clientRequestOf({
    symbol: order.symbol,
    type: order.type,
    side: order.side,
    qty: order.qty,
    limitPrice: order.limitPrice,
    stopPrice: order.stopPrice,
    takeProfit: order.takeProfit,
    stopLoss: order.stopLoss,
    duration: order.duration,
  });
}

function canonical(fields: Record<string, unknown>): string {
  const present = Object.keys(fields)
    .sort()
    .filter((k) => fields[k] !== undefined)
    .map((k) => [k, fields[k]]);
  return JSON.stringify(Object.fromEntries(present));
}
