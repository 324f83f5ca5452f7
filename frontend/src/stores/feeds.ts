import type {
  AlertFeedItem,
  AlertService,
} from "../services/alerts/AlertService";
import {
  announce,
  announceMessage,
  announcement,
  browserEnvironment,
  type NotifyEnvironment,
} from "../services/alerts/alertNotifier";
import type { BrokerService } from "../services/broker/BrokerService";
import {
  OrderNotices,
  sessionStart,
  type OrderNotice,
} from "../services/broker/orderNotice";
import type { DatafeedService } from "../services/datafeed/DatafeedService";
import type { HistoryService } from "../services/history/HistoryService";
import type { StreamError } from "../services/stream";
import type { TerminalServices } from "../terminal";
import type { Order } from "../model/order";
import { useAccountStore } from "./account";
import { useAlertsStore } from "./alerts";
import { useConnectionStore } from "./connection";
import { useExecutionsStore } from "./executions";
import { feed } from "./feed";
import { useHistoryStore } from "./history";
import { MAX_QUOTE_SYMBOLS, useMarketStore } from "./market";
import { useOrdersStore } from "./orders";
import { usePositionsStore } from "./positions";
import { useSettingsStore } from "./settings";
import { useToastsStore } from "./toasts";

/** Every stream of a session into its store; returns the function that stops them all. */
export function feedStores(services: TerminalServices): () => void {
  const stops = [
    feedConnection(services),
    feedQuotes(services.datafeed),
    feedAccount(services.broker, browserEnvironment, Date.now, () =>
      services.datafeed.serverTimeMs(),
    ),
    feedAlerts(services.alerts),
    feedHistoryJobs(services.history),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

/** The socket's state into the status bar's store. */
export function feedConnection(
  services: Pick<TerminalServices, "connection" | "simulated">,
): () => void {
  const connection = useConnectionStore();
  connection.reset(services.simulated);
  return feed(services.connection, connection.apply);
}

/** The watchlist's quotes, one subscription for the whole list, replaced when the list changes. */
export function feedQuotes(datafeed: DatafeedService): () => void {
  const market = useMarketStore();
  return feed(
    () => {
      const symbols = market.watchlist.slice(0, MAX_QUOTE_SYMBOLS);
      return symbols.length > 0 ? datafeed.quotes(symbols) : null;
    },
    market.applyQuote,
    (error) => market.quotesFailed(error.message),
  );
}

/**
 * The account's streams into the orders, positions, executions and account stores. An order's
 * fill, rejection, or cancel or expiry by the broker is toasted (and notified or beeped as the
 * trader chose in the settings) as the orders stream tells it, whichever device placed the order.
 * Which orders are newer than the session is judged on the server's clock (`serverTime`, Unix ms,
 * read once now), which stamps the orders, not on the browser's (`now`), which may be minutes off;
 * without `serverTime` the browser's clock is taken as the server's.
 */
export function feedAccount(
  broker: BrokerService,
  env: NotifyEnvironment = browserEnvironment,
  now: () => number = Date.now,
  serverTime?: () => Promise<number>,
): () => void {
  const orders = useOrdersStore();
  const market = useMarketStore();
  const settings = useSettingsStore();
  const toasts = useToastsStore();
  const notices = new OrderNotices(serverTime ? undefined : now());
  let stopped = false;
  const show = (notice: OrderNotice | null) => {
    if (!notice || stopped) return;
    toasts.push(notice.title, notice.body);
    announceMessage(notice, announcement(settings.settings, env), env);
  };
  if (serverTime)
    void sessionStart(serverTime, now).then((start) =>
      notices.begin(start).forEach(show),
    );
  const onOrder = (order: Order) => {
    orders.apply(order);
    show(notices.next(order, market.precisionOf(order.symbol)));
  };
  const positions = usePositionsStore();
  const executions = useExecutionsStore();
  const account = useAccountStore();
  for (const store of [orders, positions, executions, account]) store.reset();
  const failed = (channel: string) => (error: StreamError) =>
    account.streamFailed(channel, `${error.code}: ${error.message}`);
  const stops = [
    feed(broker.orders, onOrder, failed("orders")),
    feed(broker.positions, positions.apply, failed("positions")),
    feed(broker.equity, account.setEquity, failed("equity")),
    feed(
      broker.brokerConnection,
      account.setBrokerConnection,
      failed("broker-connection"),
    ),
    feed(broker.executions, executions.merge, failed("executions")),
  ];
  return () => {
    stopped = true;
    for (const stop of stops) stop();
  };
}

/**
 * The account's alert rules and fired alerts into the alerts store; a firing not seen before
 * (live, or replayed after a reconnect) is toasted, and notified or beeped as the trader chose in
 * the settings (the same `sound` / `notifications` as order notices). The history loaded at the
 * start is only listed.
 */
export function feedAlerts(
  alerts: AlertService,
  env: NotifyEnvironment = browserEnvironment,
): () => void {
  const store = useAlertsStore();
  const settings = useSettingsStore();
  const toasts = useToastsStore();
  store.reset();
  toasts.reset();
  const failed = (error: StreamError) => store.failed(error.message);
  const onFired = (item: AlertFeedItem) => {
    if (item.kind === "history") {
      store.addFired(item.events);
      return;
    }
    for (const event of store.addFired([item.event])) {
      toasts.push(event.name, event.message);
      announce(event, announcement(settings.settings, env), env);
    }
  };
  const stops = [
    feed(alerts.rules, store.applyRule, failed),
    feed(alerts.fired, onFired, failed),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

/** The account's history jobs (the `jobs` channel: a snapshot, then every change) into their store. */
export function feedHistoryJobs(history: HistoryService): () => void {
  const store = useHistoryStore();
  store.reset();
  return feed(history.jobs, store.apply, (error) =>
    store.failed(error.message),
  );
}
