import { createApp, type TradewireApp } from "../app";
import type { Clock } from "../clock";
import type { ClusterRole } from "../cluster/role";
import type { Database } from "../db/database";
import { loadConfig } from "../config";
import { migrateToLatest } from "../db/migrate";
import { openPGlite } from "../db/pglite";
import type { BarStreams } from "../contracts/bar-streams";
import { analyticsModule } from "../modules/analytics";
import { authModule } from "../modules/auth";
import { brokerModule } from "../modules/broker";
import { datafeedModule, type DatafeedService } from "../modules/datafeed";
import type { TradewireModule } from "../modules/module";
import { silentProgress } from "../modules/datafeed/progress";

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(public time: number) {}
  now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

/** Wednesday 2026-11-25 15:00 UTC: 10:00 in New York, so stocks, FX, crypto and futures all trade. */
export const WEDNESDAY_10AM_NY = Date.UTC(2026, 10, 25, 15, 0, 0);

export interface TestBackend {
  readonly app: TradewireApp;
  readonly feed: DatafeedService["feed"];
  /** The datafeed's live bar streams, as the analytics module gets them. */
  readonly bars: BarStreams;
  readonly httpUrl: string;
  readonly wsUrl: string;
  /** Lets `ms` of market time pass, one feed tick per second, giving the broker time to react. */
  run(ms: number): Promise<void>;
  /** Signs a demo user in over REST; answers the JWT (Node has no cookie jar). */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestBackendOptions {
  /** A migrated database to use instead of a fresh PGlite, e.g. one shared by two instances. */
  readonly database?: Database;
  readonly role?: ClusterRole;
}

/**
 * The real app on a fresh in-memory PGlite, listening on a free port, its market moved by a clock
 * the test owns: `datafeed` alone, or `trading` (datafeed, auth, broker and analytics, as `make dev` runs them).
 */
export async function startTestBackend(
  clock: ManualClock,
  modules: "datafeed" | "trading" = "datafeed",
  options: TestBackendOptions = {},
): Promise<TestBackend> {
  const database = options.database ?? (await migratedPGlite());
  const config = loadConfig({
    LOG_LEVEL: "silent",
    JWT_SECRET: "test-backend-secret-0123456789abcdefghijkl",
    BACKFILL_DAYS: "1",
  });
  const built: { datafeed?: DatafeedService } = {};
  const app = await createApp({
    config,
    database,
    clock,
    ...(options.role ? { role: options.role } : {}),
    modules: (ctx) => {
      const datafeed = datafeedModule(ctx, { progress: silentProgress });
      built.datafeed = datafeed.service;
      const enabled: TradewireModule[] = [datafeed];
      if (modules === "trading") {
        const auth = authModule(ctx);
        const broker = brokerModule(ctx, {
          market: datafeed.service,
          accounts: auth.service,
        });
        const analytics = analyticsModule(ctx, {
          bars: datafeed.service,
          market: datafeed.service,
          accounts: auth.service,
        });
        enabled.push(auth, broker, analytics);
      }
      return enabled;
    },
  });
  const service = built.datafeed;
  if (!service) throw new Error("the datafeed module was not built");
  const httpUrl = await app.listen(0, "127.0.0.1");
  return {
    app,
    feed: service.feed,
    bars: service,
    httpUrl,
    wsUrl: `${httpUrl.replace(/^http/, "ws")}/api/v1/ws`,
    async run(ms) {
      for (let passed = 0; passed < ms; passed += 1000) {
        clock.advance(1000);
        await service.feed.tick();
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async login(username, password = "demo1234") {
      const res = await fetch(`${httpUrl}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password }),
      });
      if (!res.ok)
        throw new Error(`login of ${username} failed: ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    },
    close: () => app.close(),
  };
}

/** A fresh in-memory PGlite with the schema at its latest version. */
export async function migratedPGlite(): Promise<Database> {
  const database = await openPGlite(null);
  await migrateToLatest(database);
  return database;
}

/** The same database with a `close` that leaves it open: for an instance that stops before the others. */
export function unclosable(database: Database): Database {
  return {
    kind: database.kind,
    db: database.db,
    ...(database.schema === undefined ? {} : { schema: database.schema }),
    copyRows: (table, columns, rows) => database.copyRows(table, columns, rows),
    copyOutBinary: (select) => database.copyOutBinary(select),
    close: () => Promise.resolve(),
  };
}
