import {
  createRestClient,
  executionsResync,
  type ConnectionState,
  type WebSocketConstructor,
} from "@tradewire/client";
import type { SimulationMode, TerminalConfig } from "./config";
import { AlertService } from "./services/alerts/AlertService";
import { IndicatorService } from "./services/analytics/IndicatorService";
import { BrokerService } from "./services/broker/BrokerService";
import { DatafeedService } from "./services/datafeed/DatafeedService";
import { HistoryService } from "./services/history/HistoryService";
import { SymbolDirectory } from "./services/datafeed/symbolDirectory";
import { connectionStream, type Stream } from "./services/stream";
import {
  createSimulatedServer,
  LivePriceSource,
  SimulatedAdapter,
  simulatedAlertsApi,
  simulatedAccount,
  simulatedAuthApi,
  simulatedBrokerApi,
  simulatedHistoryApi,
  simulatedMarketApi,
  simulatedUser,
  simulatedWorkspaceApi,
  systemClock,
  type SimulatedServer,
  type SimulationClock,
} from "./simulation";
import type { AlertsApi } from "./transport/rest/alertsApi";
import type { AuthApi } from "./transport/rest/authApi";
import type { BrokerApi } from "./transport/rest/brokerApi";
import type { HistoryApi } from "./transport/rest/historyApi";
import type { MarketApi } from "./transport/rest/marketApi";
import {
  alertEventsResync,
  restAlertsApi,
} from "./transport/rest/restAlertsApi";
import { restAuthApi } from "./transport/rest/restAuthApi";
import { restBrokerApi } from "./transport/rest/restBrokerApi";
import { restHistoryApi } from "./transport/rest/restHistoryApi";
import { restMarketApi } from "./transport/rest/restMarketApi";
import { restWorkspaceApi } from "./transport/rest/restWorkspaceApi";
import type { WorkspaceApi } from "./transport/rest/workspaceApi";
import {
  composeAdapter,
  createWsAdapter,
  type WsAdapter,
} from "./transport/ws/wsAdapter";
import { WsClientBase } from "./transport/ws/wsClientBase";

/** Everything a signed-in terminal talks to; one set per session, disposed on sign-out. */
export interface TerminalServices {
  readonly adapter: WsAdapter;
  /** The socket's state (the simulation's is always open). */
  readonly connection: Stream<ConnectionState>;
  /** True when some channels come from the simulation rather than the server. */
  readonly simulated: boolean;
  readonly datafeed: DatafeedService;
  readonly broker: BrokerService;
  readonly symbols: SymbolDirectory;
  readonly indicators: IndicatorService;
  readonly alerts: AlertService;
  readonly history: HistoryService;
  /** Settings, watchlists and drawings kept per user (on the server, or the simulation's). */
  readonly workspace: WorkspaceApi;
  /** The wall clock (the simulation's when simulated): what market open/closed is judged at. */
  readonly clock: Pick<SimulationClock, "now">;
  dispose(): Promise<void>;
}

/** The server as the app sees it before sign-in. */
export interface Backend {
  readonly mode: SimulationMode;
  readonly auth: AuthApi;
  /** Opens the socket (after sign-in, so that it carries the session cookie). */
  openSession(): TerminalServices;
}

export interface BackendDependencies {
  readonly WebSocket?: WebSocketConstructor;
  readonly storage?: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  readonly clock?: SimulationClock;
}

/** The one place that picks, per `config.simulation`, the real transport or the simulation. */
export function createBackend(
  config: TerminalConfig,
  deps: BackendDependencies = {},
): Backend {
  const rest = createRestClient({ baseUrl: config.origin });
  const clock = deps.clock ?? systemClock;
  const auth =
    config.simulation === "off"
      ? restAuthApi(rest)
      : simulatedAuthApi(deps.storage ?? globalThis.localStorage, () =>
          clock.now(),
        );
  const storage = deps.storage ?? globalThis.localStorage;
  // One per account, kept across sessions like the server: signing out and in again (or switching
  // back to an account) finds the same orders.
  const servers = new Map<string, SimulatedServer>();
  const accountId = () => simulatedAccount(storage);
  const serverOf = (id: string | undefined): SimulatedServer => {
    const key = id ?? "";
    const found =
      servers.get(key) ?? createSimulatedServer(accountOption(clock, id));
    servers.set(key, found);
    return found;
  };
  const workspace =
    config.simulation === "off"
      ? restWorkspaceApi(rest)
      : simulatedWorkspaceApi(
          storage,
          () => simulatedUser(storage),
          () => clock.now(),
        );
  return {
    mode: config.simulation,
    auth,
    openSession() {
      if (config.simulation === "all") {
        const server = serverOf(accountId());
        return assemble(
          new SimulatedAdapter(server),
          simulatedMarketApi(server.market),
          simulatedBrokerApi(server.broker),
          simulatedAlertsApi(server.alerts),
          simulatedHistoryApi(),
          workspace,
          clock,
        );
      }
      const alerts = restAlertsApi(rest);
      const live = createWsAdapter(
        WsClientBase.acquire({
          urls: config.socketUrls,
          // MessagePack when the server speaks it (smaller frames), JSON otherwise.
          encoding: "auto",
          // Executions a replay cannot send (RESYNC_REQUIRED) are read back over REST, same cookie.
          resync: {
            executions: executionsResync(rest),
            "alert-events": alertEventsResync(alerts),
          },
          // Behind a proxy that refuses WebSocket upgrades: Server-Sent Events plus POST.
          transports: ["websocket", "sse"],
          ...(deps.WebSocket ? { WebSocket: deps.WebSocket } : {}),
        }),
      );
      if (config.simulation === "off")
        return assemble(
          live,
          restMarketApi(rest),
          restBrokerApi(rest),
          alerts,
          restHistoryApi(rest),
          workspace,
          clock,
        );
      // Fills follow this session's live quotes, so this simulated broker lives as long as it.
      const brokerOnly = createSimulatedServer({
        ...accountOption(clock, accountId()),
        prices: new LivePriceSource(live.quotes, clock),
      });
      return assemble(
        composeAdapter(live, new SimulatedAdapter(brokerOnly)),
        restMarketApi(rest),
        simulatedBrokerApi(brokerOnly.broker),
        // The sign-in is simulated, so the server knows no account to keep alerts for: the
        // simulation evaluates them, on the same live quotes as its fills.
        simulatedAlertsApi(brokerOnly.alerts),
        // Jobs belong to a server account too, which a simulated sign-in does not have.
        simulatedHistoryApi(),
        workspace,
        clock,
      );
    },
  };
}

function accountOption(
  clock: SimulationClock,
  accountId: string | undefined,
): { clock: SimulationClock; accountId?: string } {
  return accountId === undefined ? { clock } : { clock, accountId };
}

function assemble(
  adapter: WsAdapter,
  market: MarketApi,
  brokerApi: BrokerApi,
  alertsApi: AlertsApi,
  historyApi: HistoryApi,
  workspace: WorkspaceApi,
  clock: Pick<SimulationClock, "now">,
): TerminalServices {
  const symbols = new SymbolDirectory(market);
  const datafeed = new DatafeedService(market, symbols, adapter);
  return {
    adapter,
    connection: connectionStream(adapter.connection),
    simulated: adapter.simulated,
    datafeed,
    broker: new BrokerService(brokerApi, adapter),
    symbols,
    indicators: new IndicatorService(adapter),
    alerts: new AlertService(alertsApi, adapter),
    history: new HistoryService(historyApi, adapter),
    workspace,
    clock,
    async dispose() {
      datafeed.dispose();
      await adapter.dispose();
    },
  };
}
