import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyBaseLogger } from "fastify";
import type { Bus } from "../../src/bus/bus";
import type { ClusterRole } from "../../src/cluster/role";
import { createApp, type TradewireApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import type { Database } from "../../src/db/database";
import { memoryDatabase } from "./databases";
import { analyticsModule } from "../../src/modules/analytics";
import { authModule } from "../../src/modules/auth";
import { brokerModule } from "../../src/modules/broker";
import type { BrokerEngine } from "../../src/modules/broker/engine/broker-engine";
import {
  datafeedModule,
  type DatafeedService,
} from "../../src/modules/datafeed";
import { silentProgress } from "../../src/modules/datafeed/progress";
import type { MarketData } from "../../src/contracts/market-data";
import type { TradewireModule } from "../../src/modules/module";
import { workspaceModule } from "../../src/modules/workspace";
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
  /** The simulated market's service; null when the test gave its own `market`. */
  datafeed: DatafeedService | null;
  broker: BrokerEngine;
  httpUrl: string;
  wsUrl: string;
  request<T = unknown>(
    method: string,
    path: string,
    options?: {
      token?: string;
      body?: unknown;
      cookie?: string;
      headers?: Record<string, string>;
    },
  ): Promise<Response<T>>;
  login(username: string, password?: string): Promise<string>;
  /** Let market time pass, one feed tick per second, and let the broker react. */
  run(ms: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real app with datafeed, auth, broker, analytics and workspace, on a database (in-memory
 * PGlite by default); analytics only when the datafeed's own market runs.
 */
export async function startTradingApp(options: {
  clock: ManualClock;
  database?: Database;
  env?: Record<string, string>;
  /** A market for the broker instead of the datafeed module's (see controlled-market.ts). */
  market?: MarketData;
  /** A logger for the app (see recording-logger.ts); none by default (LOG_LEVEL silent). */
  logger?: FastifyBaseLogger;
  /** One instance of several (see cluster-apps.ts): their shared bus and this one's role. */
  bus?: Bus;
  role?: ClusterRole;
}): Promise<TradingApp> {
  const database = options.database ?? (await memoryDatabase());
  const config = loadConfig({
    LOG_LEVEL: "silent",
    JWT_SECRET: TRADING_JWT_SECRET,
    BACKFILL_DAYS: "1",
    // History job files: a folder of this app's own unless the test names one (a restart).
    DATA_DIR: mkdtempSync(join(tmpdir(), "tw-trading-")),
    ...options.env,
  });
  // What the composition builds, kept for the test (the app holds the modules untyped).
  const built: { datafeed?: DatafeedService; broker?: BrokerEngine } = {};
  const app = await createApp({
    config,
    database,
    clock: options.clock,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.bus ? { bus: options.bus } : {}),
    ...(options.role ? { role: options.role } : {}),
    modules: (ctx) => {
      const modules: TradewireModule[] = [];
      let market = options.market;
      const auth = authModule(ctx);
      if (!market) {
        const feed = datafeedModule(ctx, {
          progress: silentProgress,
          jobs: { accounts: auth.service },
        });
        market = built.datafeed = feed.service;
        modules.push(feed);
      }
      const trading = brokerModule(ctx, { market, accounts: auth.service });
      built.broker = trading.service;
      // Analytics reads the simulated market's bars, so it runs only on the datafeed's market.
      const analytics = built.datafeed
        ? [
            analyticsModule(ctx, {
              bars: built.datafeed,
              market,
              accounts: auth.service,
            }),
          ]
        : [];
      return [
        ...modules,
        auth,
        trading,
        ...analytics,
        workspaceModule(ctx, { market }),
      ];
    },
  });
  const { broker } = built;
  const datafeed = built.datafeed ?? null;
  if (!broker) throw new Error("the broker module was not built");
  const httpUrl = await app.listen(0, "127.0.0.1");
  const request: TradingApp["request"] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
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
        if (!datafeed)
          throw new Error(
            "a test-given market moves by its own calls, not run()",
          );
        await datafeed.feed.tick();
        // Matching runs on the quote events the tick fired; give those turns a chance to finish.
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    close: () => app.close(),
  };
}
