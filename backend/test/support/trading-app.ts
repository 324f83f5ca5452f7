import { createApp, type TradewireApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import type { Database } from "../../src/db/database";
import { memoryDatabase } from "./databases";
import { authModule } from "../../src/modules/auth";
import { brokerModule } from "../../src/modules/broker";
import type { BrokerEngine } from "../../src/modules/broker/engine/broker-engine";
import {
  datafeedModule,
  type DatafeedService,
} from "../../src/modules/datafeed";
import { silentProgress } from "../../src/modules/datafeed/progress";
import type { ModuleFactory } from "../../src/modules/module";
import type { ManualClock } from "./datafeed-app";
import { specFetch } from "./openapi-conformance";

export const TRADING_JWT_SECRET = "trading-test-secret-0123456789abcdefghij";

export interface Response<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TradingApp {
  app: TradewireApp;
  database: Database;
  datafeed: DatafeedService;
  broker: BrokerEngine;
  httpUrl: string;
  wsUrl: string;
  request<T = unknown>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; cookie?: string },
  ): Promise<Response<T>>;
  login(username: string, password?: string): Promise<string>;
  /** Let market time pass, one feed tick per second, and let the broker react. */
  run(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** The real app with datafeed, auth and broker, on a database (in-memory PGlite by default). */
export async function startTradingApp(options: {
  clock: ManualClock;
  database?: Database;
  env?: Record<string, string>;
  /** A module named `datafeed` to use instead of the simulated market (see controlled-market.ts). */
  datafeed?: ModuleFactory;
}): Promise<TradingApp> {
  const database = options.database ?? (await memoryDatabase());
  const config = loadConfig({
    LOG_LEVEL: "silent",
    JWT_SECRET: TRADING_JWT_SECRET,
    BACKFILL_DAYS: "1",
    ...options.env,
  });
  const app = await createApp({
    config,
    database,
    clock: options.clock,
    modules: [
      options.datafeed ?? datafeedModule({ progress: silentProgress }),
      authModule(),
      brokerModule(),
    ],
  });
  const httpUrl = await app.listen(0, "127.0.0.1");
  const datafeed = app.modules.find((m) => m.name === "datafeed")
    ?.service as DatafeedService;
  const broker = app.modules.find((m) => m.name === "broker")
    ?.service as BrokerEngine;
  const request: TradingApp["request"] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    const res = await specFetch(`${httpUrl}${path}`, {
      method,
      headers,
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
    const text = res.text;
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : null) as never,
      headers: res.headers,
    };
  };
  return {
    app,
    database,
    datafeed,
    broker,
    httpUrl,
    wsUrl: `${httpUrl.replace(/^http/, "ws")}/api/v1/ws`,
    request,
    async login(username, password = "demo1234") {
      const res = await request<{ token: string }>(
        "POST",
        "/api/v1/auth/login",
        { body: { username, password } },
      );
      if (res.status !== 200)
        throw new Error(
          `login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`,
        );
      return res.body.token;
    },
    async run(ms) {
      for (let passed = 0; passed < ms; passed += 1000) {
        options.clock.advance(1000);
        await datafeed.feed.tick();
        // Matching runs on the quote events the tick fired; give those turns a chance to finish.
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    close: () => app.close(),
  };
}
