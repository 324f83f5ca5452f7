import {
  ConnectionStatus,
  type BrokerConnection,
  type Equity,
  type Execution,
  type Order,
  type Position,
} from "@tradewire/client";
import type { Clock } from "../../../clock";
import type { MarketData } from "../../../contracts/market-data";
import type { AccountChannel } from "./account-topics";

/** Orders: every open order and every order changed in the last day, oldest first, then each change. */
export const ordersChannel: AccountChannel<Order> = {
  select: (e) => (e.kind === "order" ? e.order : null),
  snapshot: (book) =>
    [...book.orders.values()]
      .map((o) => o.order)
      .sort((a, b) => a.createTime - b.createTime),
};

/** Positions: the open ones, then every change (a closed position is sent once with qty 0). */
export function positionsChannel(market: MarketData): AccountChannel<Position> {
  return {
    select: (e) => (e.kind === "position" ? e.position : null),
    snapshot: (book) =>
      [...book.positions.values()]
        .filter((p) => p.netQty !== 0)
        .map((p) => book.positionView(p.symbol, market.instrument(p.symbol))),
  };
}

/** Executions: no snapshot; a `since` cursor replays from the database. */
export const executionsChannel: AccountChannel<Execution> = {
  select: (e) => (e.kind === "execution" ? e.execution : null),
};

export function equityChannel(
  market: MarketData,
  clock: Clock,
): AccountChannel<Equity> {
  return {
    select: (e) => (e.kind === "equity" ? e.equity : null),
    snapshot: (book) => [book.equity((s) => market.instrument(s), clock.now())],
  };
}

/** The paper broker is part of this server: connected for as long as the socket is. */
export function brokerConnectionChannel(
  clock: Clock,
): AccountChannel<BrokerConnection> {
  return {
    select: () => null,
    snapshot: () => [
      {
        status: ConnectionStatus.Connected,
        message: "paper trading",
        time: clock.now(),
      },
    ],
  };
}
