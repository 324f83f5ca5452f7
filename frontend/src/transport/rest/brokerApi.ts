import type {
  ExecutionPage_Api_Backend,
  ModifyOrderRequest_Api_Backend,
  Order_Api_Backend,
  PlaceOrderRequest_Api_Backend,
  PlaceOrderResult_Api_Backend,
} from "../../clients/api-types-generated";

/** The broker's REST side (/api/v1/broker), in wire shapes; failures are ApiErrors. */
export interface BrokerApi {
  placeOrder(
    request: PlaceOrderRequest_Api_Backend,
  ): Promise<PlaceOrderResult_Api_Backend>;
  modifyOrder(
    orderId: string,
    request: ModifyOrderRequest_Api_Backend,
  ): Promise<Order_Api_Backend>;
  cancelOrder(orderId: string): Promise<Order_Api_Backend>;
  closePosition(
    positionId: string,
    qty?: number,
  ): Promise<PlaceOrderResult_Api_Backend>;
  /** Newest first; `before` is the previous page's `nextBefore`. */
  listExecutions(
    before?: number,
    limit?: number,
  ): Promise<ExecutionPage_Api_Backend>;
}
