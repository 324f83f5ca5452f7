import type { ChannelParams, ConnectionState } from "@tradewire/client";
import { simulatedChannel, type SimulatedChannel } from "./simulatedChannel";
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
import type { SimulatedServer } from "../simulatedServer";
import type { WsAdapter } from "../../transport/ws/wsAdapter";
import type { ConnectionSource } from "../../transport/ws/wsClientBase";
import { notSimulated } from "./unavailable";

type Channel<
  R extends Parameters<typeof simulatedChannel>[0],
  V,
> = SimulatedChannel<ChannelParams<R>, V>;

/** The connection of a simulation: always up, no round trip to measure. */
const SIMULATED_LINK: ConnectionState = {
  status: "open",
  attempt: 0,
  latencyMs: 0,
};

/**
 * The simulation's socket half: the WsAdapter interface served by the simulated server, for
 * offline work, demos and unit tests. Values leave it in the wire shapes and pass the same
 * mappers as the real channels.
 */
export class SimulatedAdapter implements WsAdapter {
  readonly simulated = true;
  readonly connection: ConnectionSource = {
    state: SIMULATED_LINK,
    onState(listener) {
      listener(SIMULATED_LINK);
      return () => undefined;
    },
  };
  readonly bars: Channel<"bars", Bar>;
  readonly quotes: Channel<"quotes", Quote>;
  readonly orders: Channel<"orders", Order>;
  readonly positions: Channel<"positions", Position>;
  readonly executions: Channel<"executions", Execution>;
  readonly equity: Channel<"equity", Equity>;
  readonly brokerConnection: Channel<"broker-connection", BrokerConnection>;
  readonly indicators: Channel<"indicators", IndicatorPoint>;
  readonly alerts: Channel<"alerts", AlertRule>;
  readonly alertEvents: Channel<"alert-events", FiredAlert>;
  readonly jobs: Channel<"jobs", HistoryJob>;

  constructor(readonly server: SimulatedServer) {
    const { market } = server;
    const { account } = server.broker;
    const { accountId } = account.book;
    this.bars = simulatedChannel(
      "bars",
      toBar,
      (p: ChannelParams<"bars">, emit) => market.watchBars(p, emit),
    );
    this.quotes = simulatedChannel(
      "quotes",
      toQuote,
      (p: ChannelParams<"quotes">, emit) => market.watchQuotes(p, emit),
    );
    this.orders = simulatedChannel(
      "orders",
      toOrder,
      (_p: ChannelParams<"orders">, emit) => account.watchOrders(emit),
      accountId,
    );
    this.positions = simulatedChannel(
      "positions",
      toPosition,
      (_p: ChannelParams<"positions">, emit) => account.watchPositions(emit),
      accountId,
    );
    this.executions = simulatedChannel(
      "executions",
      toExecution,
      (p: ChannelParams<"executions">, emit) =>
        account.watchExecutions(p.since, emit),
      accountId,
    );
    this.equity = simulatedChannel(
      "equity",
      toEquity,
      (_p: ChannelParams<"equity">, emit) => account.watchEquity(emit),
      accountId,
    );
    this.brokerConnection = simulatedChannel(
      "broker-connection",
      toBrokerConnection,
      (_p: ChannelParams<"broker-connection">, emit) =>
        account.watchConnection(emit),
      accountId,
    );
    this.indicators = simulatedChannel(
      "indicators",
      toIndicatorPoint,
      (_p: ChannelParams<"indicators">) => notSimulated("Indicators"),
    );
    this.alerts = simulatedChannel(
      "alerts",
      toAlertRule,
      (_p: ChannelParams<"alerts">, emit) => server.alerts.watchRules(emit),
      accountId,
    );
    this.alertEvents = simulatedChannel(
      "alert-events",
      toFiredAlert,
      (p: ChannelParams<"alert-events">, emit) =>
        server.alerts.watchEvents(p.since, emit),
      accountId,
    );
    // History jobs read the server's stored bars and write files: the simulation has neither.
    this.jobs = simulatedChannel(
      "jobs",
      toHistoryJob,
      (_p: ChannelParams<"jobs">) => notSimulated("History jobs"),
    );
  }

  dispose(): Promise<void> {
    for (const channel of [
      this.bars,
      this.quotes,
      this.orders,
      this.positions,
      this.executions,
      this.equity,
      this.brokerConnection,
      this.indicators,
      this.alerts,
      this.alertEvents,
      this.jobs,
    ])
      channel.clear();
    return Promise.resolve();
  }
}
