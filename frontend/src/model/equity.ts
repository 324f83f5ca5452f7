import type { Equity_Api_Backend } from "../clients/api-types-generated";
import type { Equity_Ws_Backend } from "../clients/ws-types-generated";

/** Balance, equity and P&L of the account. */
export interface Equity {
  readonly accountId: string;
  readonly currency: string;
  readonly balance: number;
  readonly equity: number;
  readonly unrealizedPl: number;
  readonly realizedPl: number;
  readonly buyingPower: number;
  readonly time: number;
}

export function toEquity(wire: Equity_Ws_Backend | Equity_Api_Backend): Equity {
  return {
    accountId: wire.accountId,
    currency: wire.currency,
    balance: wire.balance,
    equity: wire.equity,
    unrealizedPl: wire.unrealizedPl,
    realizedPl: wire.realizedPl,
    buyingPower: wire.buyingPower,
    time: wire.time,
  };
}
