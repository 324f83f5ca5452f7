import type { ChannelParams } from "@tradewire/client";
import type { ChannelClient } from "./channel";
import { coreChannel } from "./coreChannel";
import {
  toAlertRule,
  toFiredAlert,
  type AlertRule,
  type FiredAlert,
} from "../../model/alert";
import { toBar, type Bar } from "../../model/bar";
import {
  toBrokerConnection,
  type BrokerConnection,
} from "../../model/brokerConnection";
import { toEquity, type Equity } from "../../model/equity";
import { toExecution, type Execution } from "../../model/execution";
import { toHistoryJob, type HistoryJob } from "../../model/historyJob";
import { toIndicatorPoint, type IndicatorPoint } from "../../model/indicator";
import { toOrder, type Order } from "../../model/order";
import { toPosition, type Position } from "../../model/position";
import { toQuote, type Quote } from "../../model/quote";
import type { ConnectionSource, WsClientBase } from "./wsClientBase";

/** Every channel of the socket as a typed client that hands out view types. */
export interface WsAdapter {
  readonly bars: ChannelClient<ChannelParams<"bars">, Bar>;
  readonly quotes: ChannelClient<ChannelParams<"quotes">, Quote>;
  readonly orders: ChannelClient<ChannelParams<"orders">, Order>;
  readonly positions: ChannelClient<ChannelParams<"positions">, Position>;
  readonly executions: ChannelClient<ChannelParams<"executions">, Execution>;
  readonly equity: ChannelClient<ChannelParams<"equity">, Equity>;
  readonly brokerConnection: ChannelClient<
    ChannelParams<"broker-connection">,
    BrokerConnection
  >;
  readonly indicators: ChannelClient<
    ChannelParams<"indicators">,
    IndicatorPoint
  >;
  readonly alerts: ChannelClient<ChannelParams<"alerts">, AlertRule>;
  readonly alertEvents: ChannelClient<
    ChannelParams<"alert-events">,
    FiredAlert
  >;
  readonly jobs: ChannelClient<ChannelParams<"jobs">, HistoryJob>;
  readonly connection: ConnectionSource;
  /** True when some channels come from the simulation rather than the server. */
  readonly simulated: boolean;
  /** Ends every subscription and lets the socket go. */
  dispose(): Promise<void>;
}

/** The adapter over a real socket: each channel is the client core's route plus its mapper. */
export function createWsAdapter(base: WsClientBase): WsAdapter {
  const { client } = base;
  return {
    bars: coreChannel(client, "bars", toBar),
    quotes: coreChannel(client, "quotes", toQuote),
    orders: coreChannel(client, "orders", toOrder),
    positions: coreChannel(client, "positions", toPosition),
    executions: coreChannel(client, "executions", toExecution),
    equity: coreChannel(client, "equity", toEquity),
    brokerConnection: coreChannel(
      client,
      "broker-connection",
      toBrokerConnection,
    ),
    indicators: coreChannel(client, "indicators", toIndicatorPoint),
    alerts: coreChannel(client, "alerts", toAlertRule),
    alertEvents: coreChannel(client, "alert-events", toFiredAlert),
    jobs: coreChannel(client, "jobs", toHistoryJob),
    connection: base,
    simulated: false,
    dispose: () => base.release(),
  };
}

/** Market data from one adapter, the account channels from another (e.g. a simulated broker). */
export function composeAdapter(
  market: WsAdapter,
  account: WsAdapter,
): WsAdapter {
  return {
    bars: market.bars,
    quotes: market.quotes,
    indicators: market.indicators,
    orders: account.orders,
    positions: account.positions,
    executions: account.executions,
    equity: account.equity,
    brokerConnection: account.brokerConnection,
    // Alerts belong to the account, whose sign-in is the account adapter's.
    alerts: account.alerts,
    alertEvents: account.alertEvents,
    // History jobs are the signed-in account's too.
    jobs: account.jobs,
    connection: market.connection,
    simulated: market.simulated || account.simulated,
    dispose: async () => {
      await Promise.all([market.dispose(), account.dispose()]);
    },
  };
}
