import type { AccountDirectory } from "../../contracts/accounts";
import type { MarketData } from "../../contracts/market-data";
import {
  BrokerConnectionWsRouter,
  EquityWsRouter,
  ExecutionsWsRouter,
  OrdersWsRouter,
  PositionsWsRouter,
} from "../../generated/ws-routers";
import { Counter } from "prom-client";
import type { ModuleContext, TradewireModule } from "../module";
import { AccountReplica } from "./cluster/account-replica";
import { BrokerEngine } from "./engine/broker-engine";
import { BrokerEvents } from "./engine/events";
import { registerBrokerRoutes } from "./rest/broker-routes";
import { BrokerStore } from "./store/broker-store";
import { AccountTopics } from "./ws/account-topics";
import {
  brokerConnectionChannel,
  equityChannel,
  executionsChannel,
  ordersChannel,
  positionsChannel,
} from "./ws/channels";

/** How often DAY orders are checked for the end of their trading day. */
const SWEEP_MS = 30_000;

/** What the broker needs of other modules, given by whoever composes the app. */
export interface BrokerDependencies {
  /** Prices and instrument rules to match against (the datafeed module's service). */
  readonly market: MarketData;
  /** Whose account is whose (the auth module's service). */
  readonly accounts: AccountDirectory;
}

/** The paper broker: orders, positions, executions and equity per account, matched on `market`. */
export function brokerModule(
  ctx: ModuleContext,
  { market, accounts }: BrokerDependencies,
): TradewireModule<BrokerEngine> {
  if (!ctx.database) throw new Error("the broker module needs a database");
  const store = new BrokerStore(ctx.database);
  const events = new BrokerEvents();
  // Alone, nothing is published and the role never changes: the engine leads for its whole life.
  const replica = ctx.role.clustered
    ? new AccountReplica(ctx.bus, ctx.role, ctx.log)
    : null;
  const stale = new Counter({
    name: "tradewire_broker_stale_commits_total",
    help: "Broker commits refused because another instance committed to the account first; each command is then re-run under the account row's lock.",
    registers: [ctx.registry],
  });
  const engine = new BrokerEngine({
    store,
    market,
    events,
    clock: ctx.clock,
    log: ctx.log,
    limits: ctx.config.broker,
    role: ctx.role,
    replica,
    onStale: () => stale.inc(),
  });
  replica?.connect(engine);
  let sweeper: NodeJS.Timeout | null = null;
  let offRole: (() => void) | null = null;
  return {
    name: "broker",
    service: engine,
    registerRoutes: (app) =>
      registerBrokerRoutes(app, {
        engine,
        store,
        accounts,
        market,
        auth: ctx.auth,
        clock: ctx.clock,
      }),
    wsRouters: () => [
      new OrdersWsRouter(
        new AccountTopics(engine, events, ctx.log, ordersChannel),
      ),
      new PositionsWsRouter(
        new AccountTopics(engine, events, ctx.log, positionsChannel(market)),
      ),
      new ExecutionsWsRouter(
        // One page per call: the router pages through every execution after the cursor.
        new AccountTopics(
          engine,
          events,
          ctx.log,
          executionsChannel,
          (topic, since, limit) =>
            store.executionsSince(topic.accountId ?? "", since, limit),
        ),
      ),
      new EquityWsRouter(
        new AccountTopics(
          engine,
          events,
          ctx.log,
          equityChannel(market, ctx.clock),
        ),
      ),
      new BrokerConnectionWsRouter(
        new AccountTopics(
          engine,
          events,
          ctx.log,
          brokerConnectionChannel(ctx.clock),
        ),
      ),
    ],
    async start() {
      if (ctx.role.isLeader()) await engine.start();
      offRole = ctx.role.onChange((leader) =>
        leader ? engine.start() : engine.stepDown(),
      );
      sweeper = setInterval(
        () =>
          void engine
            .sweep()
            .catch((err: unknown) =>
              ctx.log.error({ err }, "DAY order sweep failed"),
            ),
        SWEEP_MS,
      );
      sweeper.unref();
    },
    async stop() {
      offRole?.();
      if (sweeper) clearInterval(sweeper);
      await replica?.stop();
      await engine.stop();
    },
  };
}
