import { CuttableBus } from "./cuttable-bus";
import { InProcessBus } from "../../src/bus/in-process-bus";
import { createApp, type TradewireApp } from "../../src/app";
import { tradingModules } from "../../src/compositions";
import { loadConfig } from "../../src/config";
import type { Database } from "../../src/db/database";
import type { DatafeedService } from "../../src/modules/datafeed";
import { silentProgress } from "../../src/modules/datafeed/progress";
import { ManualRole } from "../../src/testing/manual-role";
import type { ManualClock } from "./datafeed-app";
import { specFetch } from "./openapi-conformance";
import { TRADING_JWT_SECRET, type Response } from "./trading-app";

export interface Instance {
  readonly name: string;
  readonly app: TradewireApp;
  readonly role: ManualRole;
  readonly bus: CuttableBus;
  readonly datafeed: DatafeedService;
  readonly httpUrl: string;
  readonly wsUrl: string;
  request<T = unknown>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown },
  ): Promise<Response<T>>;
  login(username: string): Promise<string>;
}

export interface Cluster {
  readonly instances: readonly Instance[];
  /** Let market time pass, one feed tick per second on every instance (each runs the market). */
  run(ms: number): Promise<void>;
  /**
   * Close instance `i`, run `meanwhile` while it is down, and start it again under the same name
   * (its INSTANCE_ID), a follower.
   */
  restart(i: number, meanwhile?: () => Promise<void>): Promise<Instance>;
  close(): Promise<void>;
}

/**
 * Instances of the real app (`tradingModules`) sharing one database and one in-process bus, each
 * with a `ManualRole`: the first starts as leader, the others as followers. Started one after
 * another, as a rolling deploy would, so the demo users are seeded once.
 */
export async function startCluster(options: {
  clock: ManualClock;
  database: Database;
  size: number;
  /** More environment of instance `i` (its DATA_DIR, limits); over the defaults below. */
  env?: (i: number) => Record<string, string>;
}): Promise<Cluster> {
  const shared = new InProcessBus((err) => {
    throw err;
  });
  // Each app closes its database on close: the cluster closes the shared one once, last.
  const base = options.database;
  const database: Database = {
    kind: base.kind,
    db: base.db,
    ...(base.schema !== undefined ? { schema: base.schema } : {}),
    copyRows: (table, columns, rows) => base.copyRows(table, columns, rows),
    copyOutBinary: (select) => base.copyOutBinary(select),
    close: () => Promise.resolve(),
  };
  const instances: Instance[] = [];
  const start = async (i: number, leader: boolean): Promise<Instance> => {
    const name = i === 0 ? "leader" : `follower-${i}`;
    const role = new ManualRole(name, leader);
    const bus = new CuttableBus(shared);
    const app = await createApp({
      config: loadConfig({
        LOG_LEVEL: process.env.CLUSTER_LOG ?? "silent",
        JWT_SECRET: TRADING_JWT_SECRET,
        BACKFILL_DAYS: "1",
        ...options.env?.(i),
      }),
      database,
      bus,
      role,
      clock: options.clock,
      modules: tradingModules({ progress: silentProgress }),
    });
    const datafeed = app.modules.find((m) => m.name === "datafeed")?.service as
      DatafeedService | undefined;
    if (!datafeed) throw new Error("the datafeed module was not built");
    const httpUrl = await app.listen(0, "127.0.0.1");
    const request: Instance["request"] = async (method, path, opts = {}) => {
      const headers: Record<string, string> = {};
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.body !== undefined) headers["content-type"] = "application/json";
      const res = await specFetch(`${httpUrl}${path}`, {
        method,
        headers,
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      });
      return {
        status: res.status,
        body: (res.text ? JSON.parse(res.text) : null) as never,
        headers: res.headers,
      };
    };
    return {
      name,
      app,
      role,
      bus,
      datafeed,
      httpUrl,
      wsUrl: `${httpUrl.replace(/^http/, "ws")}/api/v1/ws`,
      request,
      async login(username) {
        const res = await request<{ token: string }>(
          "POST",
          "/api/v1/auth/login",
          { body: { username, password: "demo1234" } },
        );
        if (res.status !== 200)
          throw new Error(`login of ${username} failed: ${res.status}`);
        return res.body.token;
      },
    };
  };
  for (let i = 0; i < options.size; i++)
    instances.push(await start(i, i === 0));
  return {
    instances,
    async run(ms) {
      for (let passed = 0; passed < ms; passed += 1000) {
        options.clock.advance(1000);
        for (const { datafeed } of instances) await datafeed.feed.tick();
        // Firings are stored, then published: give those turns a chance to finish.
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async restart(i, meanwhile) {
      await (instances[i] as Instance).app.close();
      await meanwhile?.();
      const again = await start(i, false);
      instances[i] = again;
      return again;
    },
    async close() {
      for (const { app } of [...instances].reverse()) await app.close();
      await shared.close();
      await options.database.close();
    },
  };
}
