import type {
  Bar,
  BarsSubscriptionRequest,
  Equity,
  EquitySubscriptionRequest,
  Execution,
  ExecutionsSubscriptionRequest,
  Order,
  OrdersSubscriptionRequest,
  QuoteData,
  QuotesSubscriptionRequest,
} from "@tradewire/client";
import { createApp, type TradewireApp } from "../../src/app";
import type { Clock } from "../../src/clock";
import { loadConfig } from "../../src/config";
import {
  BarsWsRouter,
  EquityWsRouter,
  ExecutionsWsRouter,
  OrdersWsRouter,
  QuotesWsRouter,
} from "../../src/generated/ws-routers";
import type { TradewireModule } from "../../src/modules/module";
import { specFetch } from "./openapi-conformance";
import { RecordingService } from "./recording-service";

export interface TestServices {
  bars: RecordingService<BarsSubscriptionRequest, Bar>;
  quotes: RecordingService<QuotesSubscriptionRequest, QuoteData>;
  orders: RecordingService<OrdersSubscriptionRequest, Order>;
  executions: RecordingService<ExecutionsSubscriptionRequest, Execution>;
  equity: RecordingService<EquitySubscriptionRequest, Equity>;
}

export interface TestApp {
  app: TradewireApp;
  services: TestServices;
  httpUrl: string;
  wsUrl: string;
  close(): Promise<void>;
}

export const TEST_JWT_SECRET =
  "test-secret-that-is-long-enough-for-hs256-0123456789";

/**
 * The real app (real Fastify, real sockets on a free port) with a test module that serves five
 * channels from RecordingServices, so the core can be exercised before the feature modules exist.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  clock?: Clock,
  port = 0,
): Promise<TestApp> {
  const services: TestServices = {
    bars: new RecordingService(),
    quotes: new RecordingService(),
    orders: new RecordingService(),
    executions: new RecordingService("sequence"),
    equity: new RecordingService(),
  };
  const testModule: TradewireModule<TestServices> = {
    name: "test",
    service: services,
    registerRoutes: () => undefined,
    wsRouters: () => [
      new BarsWsRouter(services.bars),
      new QuotesWsRouter(services.quotes),
      new OrdersWsRouter(services.orders),
      new ExecutionsWsRouter(services.executions),
      new EquityWsRouter(services.equity),
    ],
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  };
  const config = loadConfig({
    LOG_LEVEL: "silent",
    JWT_SECRET: TEST_JWT_SECRET,
    DATA_DIR: "/nonexistent-unused",
    ...env,
  });
  const app = await createApp({
    config,
    modules: () => [testModule],
    ...(clock ? { clock } : {}),
  });
  const httpUrl = await app.listen(port, "127.0.0.1");
  return {
    app,
    services,
    httpUrl,
    wsUrl: `${httpUrl.replace(/^http/, "ws")}/api/v1/ws`,
    close: () => app.close(),
  };
}

/** Read one sample of the app's Prometheus metrics. */
export async function metric(
  testApp: TestApp,
  name: string,
  labels = "",
): Promise<number> {
  const { text } = await specFetch(`${testApp.httpUrl}/metrics`);
  const line = text
    .split("\n")
    .find(
      (l) =>
        l.startsWith(`${name}${labels} `) ||
        (labels === "" && l.startsWith(`${name} `)),
    );
  if (!line) throw new Error(`metric ${name}${labels} not found`);
  return Number(line.slice(line.lastIndexOf(" ") + 1));
}

export function bar(time: number, close: number): Bar {
  return {
    time,
    open: close - 1,
    high: close + 1,
    low: close - 2,
    close,
    volume: 100,
  };
}
