import type { Side } from "@tradewire/client";
import type { Execution_Api_Backend } from "../clients/api-types-generated";
import type { Execution_Ws_Backend } from "../clients/ws-types-generated";

/** One fill. `sequence` orders the account's fills and is the executions channel's cursor. */
export interface Execution {
  readonly id: string;
  readonly sequence: number;
  readonly orderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly price: number;
  readonly commission: number;
  readonly time: number;
}

export function toExecution(
  wire: Execution_Ws_Backend | Execution_Api_Backend,
): Execution {
  return {
    id: wire.id,
    sequence: wire.sequence,
    orderId: wire.orderId,
    symbol: wire.symbol,
    side: wire.side,
    qty: wire.qty,
    price: wire.price,
    commission: wire.commission,
    time: wire.time,
  };
}
