import type { ConnectionStatus } from "@tradewire/client";
import type { BrokerConnection_Ws_Backend } from "../clients/ws-types-generated";
import { optional } from "./optional";

/** The state of the broker behind the account (not of the socket). */
export interface BrokerConnection {
  readonly status: ConnectionStatus;
  readonly message?: string;
  readonly time: number;
}

export function toBrokerConnection(
  wire: BrokerConnection_Ws_Backend,
): BrokerConnection {
  return {
    status: wire.status,
    time: wire.time,
    ...optional("message", wire.message),
  };
}
