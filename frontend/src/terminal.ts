import {
  createRestClient,
  executionsResync,
  type WebSocketConstructor,
} from "@tradewire/client";
import type { FallbackMode, TerminalConfig } from "./config";
import {
  createMockBackend,
  type MockBackend,
} from "./simulation/simulatedServer";
import { LivePriceSource } from "./simulation/broker/livePrices";
import { systemMockClock, type MockClock } from "./simulation/clock";
import {
  composeAdapter,
  createWsAdapter,
  type WsAdapter,
} from "./transport/ws/wsAdapter";
import { WsClientBase } from "./transport/ws/wsClientBase";
import { WsFallback } from "./simulation/ws/simulatedAdapter";
import type { AuthApi } from "./transport/rest/authApi";
import { restAuthApi } from "./transport/rest/restAuthApi";
import type { BrokerApi } from "./transport/rest/brokerApi";
import { BrokerService } from "./services/broker/BrokerService";
import { restBrokerApi } from "./transport/rest/restBrokerApi";
import { DatafeedService } from "./services/datafeed/DatafeedService";
import type { MarketApi } from "./transport/rest/marketApi";
import { restMarketApi } from "./transport/rest/restMarketApi";
import { SymbolDirectory } from "./services/datafeed/symbolDirectory";
import { mockAuthApi } from "./simulation/rest/simulatedAuthApi";
import { mockBrokerApi } from "./simulation/rest/simulatedBrokerApi";
import { mockMarketApi } from "./simulation/rest/simulatedMarketApi";

/** Everything a signed-in terminal talks to; one set per session, disposed on sign-out. */
export interface TerminalServices {
  readonly adapter: WsAdapter;
  readonly datafeed: DatafeedService;
  readonly broker: BrokerService;
  readonly symbols: SymbolDirectory;
  dispose(): Promise<void>;
}

/** The server as the app sees it before sign-in. */
export interface Backend {
  readonly mode: FallbackMode;
  readonly auth: AuthApi;
  /** Opens the socket (after sign-in, so that it carries the session cookie). */
  openSession(): TerminalServices;
}

export interface BackendDependencies {
  readonly WebSocket?: WebSocketConstructor;
  readonly storage?: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  readonly clock?: MockClock;
}

export function createBackend(
  config: TerminalConfig,
  deps: BackendDependencies = {},
): Backend {
  const rest = createRestClient({ baseUrl: config.origin });
  const clock = deps.clock ?? systemMockClock;
  const auth =
    config.fallback === "off"
      ? restAuthApi(rest)
      : mockAuthApi(deps.storage ?? globalThis.localStorage, () => clock.now());
  // Kept across sessions, like the server: signing out and in again finds the same orders.
  let simulation: MockBackend | undefined;
  return {
    mode: config.fallback,
    auth,
    openSession() {
      if (config.fallback === "all") {
        const mock = (simulation ??= createMockBackend({ clock }));
        return assemble(
          new WsFallback(mock),
          mockMarketApi(mock.market),
          mockBrokerApi(mock.broker),
        );
      }
      const live = createWsAdapter(
        WsClientBase.acquire({
          url: config.socketUrl,
          // Executions a replay cannot send (RESYNC_REQUIRED) are read back over REST, same cookie.
          resync: { executions: executionsResync(rest) },
          ...(deps.WebSocket ? { WebSocket: deps.WebSocket } : {}),
        }),
      );
      if (config.fallback === "off")
        return assemble(live, restMarketApi(rest), restBrokerApi(rest));
      // Fills follow this session's live quotes, so this simulated broker lives as long as it.
      const mock = createMockBackend({
        clock,
        prices: new LivePriceSource(live.quotes, clock),
      });
      return assemble(
        composeAdapter(live, new WsFallback(mock)),
        restMarketApi(rest),
        mockBrokerApi(mock.broker),
      );
    },
  };
}

function assemble(
  adapter: WsAdapter,
  market: MarketApi,
  brokerApi: BrokerApi,
): TerminalServices {
  const symbols = new SymbolDirectory(market);
  const datafeed = new DatafeedService(market, symbols, adapter);
  return {
    adapter,
    datafeed,
    broker: new BrokerService(brokerApi, adapter),
    symbols,
    async dispose() {
      datafeed.dispose();
      await adapter.dispose();
    },
  };
}
