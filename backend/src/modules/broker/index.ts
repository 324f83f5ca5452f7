import type { AccountDirectory } from "../../contracts/accounts";
import type { MarketData } from "../../contracts/market-data";
import {
  BrokerConnectionWsRouter,
  EquityWsRouter,
  ExecutionsWsRouter,
  OrdersWsRouter,
  PositionsWsRouter,
} from "../../generated/ws-routers";
import type { ModuleFactory } from "../module";
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

/**
 * The paper broker. Needs the services of two earlier modules, found by name: `datafeed`
 * (MarketData, to match against) and `auth` (AccountDirectory, to know whose account is whose).
 */
export function brokerModule(): ModuleFactory {
  return (ctx) => {
    if (!ctx.database) throw new Error("the broker module needs a database");
    const market = ctx.services.get("datafeed") as MarketData | undefined;
    const accounts = ctx.services.get("auth") as AccountDirectory | undefined;
    if (!market || !accounts)
      throw new Error(
        "the broker module needs the datafeed and auth modules before it",
      );
    const store = new BrokerStore(ctx.database);
    const events = new BrokerEvents();
    const engine = new BrokerEngine({
      store,
      market,
      events,
      clock: ctx.clock,
      log: ctx.log,
      limits: ctx.config.broker,
    });
    let sweeper: NodeJS.Timeout | null = null;
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
        new OrdersWsRouter(new AccountTopics(engine, events, ordersChannel)),
        new PositionsWsRouter(
          new AccountTopics(engine, events, positionsChannel(market)),
        ),
        new ExecutionsWsRouter(
          // One page per call: the router pages through every execution after the cursor.
          new AccountTopics(
            engine,
            events,
            executionsChannel,
            (topic, since, limit) =>
              store.executionsSince(topic.accountId ?? "", since, limit),
          ),
        ),
        new EquityWsRouter(
          new AccountTopics(engine, events, equityChannel(market, ctx.clock)),
        ),
        new BrokerConnectionWsRouter(
          new AccountTopics(engine, events, brokerConnectionChannel(ctx.clock)),
        ),
      ],
      async start() {
        await engine.start();
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
        if (sweeper) clearInterval(sweeper);
        await engine.stop();
      },
    };
  };
}
