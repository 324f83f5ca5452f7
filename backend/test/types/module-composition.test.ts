import { describe, expect, expectTypeOf, it } from "vitest";
import { createApp } from "../../src/app";
import { tradingModules } from "../../src/compositions";
import { loadConfig } from "../../src/config";
import type { AccountDirectory } from "../../src/contracts/accounts";
import type { MarketData } from "../../src/contracts/market-data";
import { authModule } from "../../src/modules/auth";
import { brokerModule } from "../../src/modules/broker";
import type { BrokerEngine } from "../../src/modules/broker/engine/broker-engine";
import {
  datafeedModule,
  type DatafeedService,
} from "../../src/modules/datafeed";
import { silentProgress } from "../../src/modules/datafeed/progress";
import type {
  ModuleComposition,
  TradewireModule,
} from "../../src/modules/module";
import {
  workspaceModule,
  type WorkspaceDependencies,
} from "../../src/modules/workspace";
import { memoryDatabase } from "../support/databases";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";

// The compositions below are checked by the type-checker (`make typecheck`, part of `make test`)
// and never run: each @ts-expect-error fails the build if the line below it ever compiles.

/** The broker before the datafeed it trades on: the market does not exist yet. */
export const brokerFirst: ModuleComposition = (ctx) => {
  const auth = authModule(ctx);
  const broker = brokerModule(ctx, {
    // @ts-expect-error Block-scoped variable 'datafeed' used before its declaration.
    market: datafeed.service,
    accounts: auth.service,
  });
  const datafeed = datafeedModule(ctx);
  return [broker, datafeed, auth];
};

/** The broker with no dependencies at all. */
export const brokerAlone: ModuleComposition = (ctx) => [
  // @ts-expect-error Expected 2 arguments, but got 1.
  brokerModule(ctx),
];

/** The broker without the accounts it needs. */
export const brokerWithoutAccounts: ModuleComposition = (ctx) => {
  const datafeed = datafeedModule(ctx);
  // @ts-expect-error Property 'accounts' is missing.
  return [datafeed, brokerModule(ctx, { market: datafeed.service })];
};

/** Two services swapped: the user store is no market and the market keeps no accounts. */
export const swapped: ModuleComposition = (ctx) => {
  const datafeed = datafeedModule(ctx);
  const auth = authModule(ctx);
  const broker = brokerModule(ctx, {
    // @ts-expect-error UserStore is not assignable to MarketData.
    market: auth.service,
    // @ts-expect-error DatafeedService is not assignable to AccountDirectory.
    accounts: datafeed.service,
  });
  return [datafeed, auth, broker];
};

describe("module composition", () => {
  it("types each module's service, so a dependency is checked where it is passed", () => {
    expectTypeOf(datafeedModule).returns.toEqualTypeOf<
      TradewireModule<DatafeedService>
    >();
    expectTypeOf<DatafeedService>().toExtend<MarketData>();
    expectTypeOf(authModule).returns.toHaveProperty("service");
    expectTypeOf<
      ReturnType<typeof authModule>["service"]
    >().toExtend<AccountDirectory>();
    expectTypeOf(brokerModule).returns.toEqualTypeOf<
      TradewireModule<BrokerEngine>
    >();
    expectTypeOf(brokerModule).parameter(1).toEqualTypeOf<{
      readonly market: MarketData;
      readonly accounts: AccountDirectory;
    }>();
    expectTypeOf(workspaceModule)
      .parameter(1)
      .toEqualTypeOf<WorkspaceDependencies>();
    expectTypeOf<WorkspaceDependencies["market"]>().toEqualTypeOf<MarketData>();
  });

  it("builds, registers and starts the modules in the order the composition returns", async () => {
    const database = await memoryDatabase();
    const app = await createApp({
      config: loadConfig({
        LOG_LEVEL: "silent",
        JWT_SECRET: "composition-test-secret-0123456789abcdef",
        BACKFILL_DAYS: "1",
      }),
      database,
      clock: new ManualClock(WEDNESDAY_10AM_NY),
      modules: tradingModules({ progress: silentProgress }),
    });
    try {
      expect(app.modules.map((m) => m.name)).toEqual([
        "datafeed",
        "auth",
        "broker",
        "analytics",
        "workspace",
      ]);
      const res = await app.fastify.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: "alice", password: "demo1234" },
      });
      expect(res.statusCode).toBe(200);
      const accounts = await app.fastify.inject({
        method: "GET",
        url: "/api/v1/broker/account",
        headers: {
          authorization: `Bearer ${res.json<{ token: string }>().token}`,
        },
      });
      expect(accounts.statusCode).toBe(200);
      const watchlists = await app.fastify.inject({
        method: "GET",
        url: "/api/v1/watchlists",
        headers: {
          authorization: `Bearer ${res.json<{ token: string }>().token}`,
        },
      });
      expect(watchlists.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
