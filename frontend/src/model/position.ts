import type { Side } from "@tradewire/client";
import type { Position_Api_Backend } from "../clients/api-types-generated";
import type { Position_Ws_Backend } from "../clients/ws-types-generated";
import { optional } from "./optional";

/** A net position in one symbol with its P&L; `qty` is the absolute size, 0 once closed. */
export interface Position {
  readonly id: string;
  readonly symbol: string;
  readonly qty: number;
  readonly side: Side;
  readonly avgPrice: number;
  readonly lastPrice?: number;
  readonly unrealizedPl: number;
  readonly realizedPl: number;
  readonly updateTime: number;
}

export function toPosition(
  wire: Position_Ws_Backend | Position_Api_Backend,
): Position {
  return {
    id: wire.id,
    symbol: wire.symbol,
    qty: wire.qty,
    side: wire.side,
    avgPrice: wire.avgPrice,
    unrealizedPl: wire.unrealizedPl,
    realizedPl: wire.realizedPl,
    updateTime: wire.updateTime,
    ...optional("lastPrice", wire.lastPrice),
  };
}
