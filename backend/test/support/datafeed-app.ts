import { createApp, type TradewireApp } from "../../src/app";
import type { Bus } from "../../src/bus/bus";
import type { ClusterRole } from "../../src/cluster/role";
import { loadConfig } from "../../src/config";
import type { Database } from "../../src/db/database";
import { memoryDatabase } from "./databases";
import { specFetch } from "./openapi-conformance";
import {
  datafeedModule,
  type DatafeedService,
} from "../../src/modules/datafeed";
import { silentProgress } from "../../src/modules/datafeed/progress";

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(public time: number) {}
  now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

/** Wednesday 2026-11-25 15:00 UTC: 10:00 in New York, so stocks, FX, crypto and futures all trade. */
export const WEDNESDAY_10AM_NY = Date.UTC(2026, 10, 25, 15, 0, 0);

export interface DatafeedApp {
  app: TradewireApp;
  service: DatafeedService;
  httpUrl: string;
  wsUrl: string;
  get(path: string): Promise<{
    status: number;
    body: unknown;
    text: string;
    contentType: string | null;
  }>;
  close(): Promise<void>;
}

/**
 * The real app with the datafeed module, on a given database (in-memory PGlite by default); a
 * cluster instance when given a shared bus and a role.
 */
export async function startDatafeedApp(options: {
  clock: ManualClock;
  database?: Database;
  env?: Record<string, string>;
  bus?: Bus;
  role?: ClusterRole;
}): Promise<DatafeedApp> {
  const database = options.database ?? (await memoryDatabase());
  const config = loadConfig({
    LOG_LEVEL: "silent",
    JWT_SECRET: "datafeed-test-secret-0123456789abcdef",
    BACKFILL_DAYS: "3",
    ...options.env,
  });
  const built: { service?: DatafeedService } = {};
  const app = await createApp({
    config,
    database,
    clock: options.clock,
    ...(options.bus ? { bus: options.bus } : {}),
    ...(options.role ? { role: options.role } : {}),
    modules: (ctx) => {
      const datafeed = datafeedModule(ctx, { progress: silentProgress });
      built.service = datafeed.service;
      return [datafeed];
    },
  });
  const { service } = built;
  if (!service) throw new Error("the datafeed module was not built");
  const httpUrl = await app.listen(0, "127.0.0.1");
  return {
    app,
    service,
    httpUrl,
    wsUrl: `${httpUrl.replace(/^http/, "ws")}/api/v1/ws`,
    async get(path) {
      const res = await specFetch(`${httpUrl}${path}`);
      const text = res.text;
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
      return {
        status: res.status,
        body,
        text,
        contentType: res.headers.get("content-type"),
      };
    },
    close: () => app.close(),
  };
}
