import type { Order } from "@tradewire/client";
import type { BrokerRejection } from "../domain/rejection";

/**
 * What placing an order answered: 201 with the order, 422 with the recorded rejection, or 409
 * when the clientOrderId already names an order placed with a different request.
 */
export type Placement =
  | { status: 201; order: Order }
  | { status: 422; order: Order; error: BrokerRejection }
  | { status: 409; order: Order; error: BrokerRejection };
