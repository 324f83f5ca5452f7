import { CuttableBus } from "./cuttable-bus";
import type { Bus } from "../../src/bus/bus";
import type { KyselyPlugin } from "kysely";
import { createApp, type TradewireApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import type { Database } from "../../src/db/database";
import {
  datafeedModule,
  type DatafeedService,
} from "../../src/modules/datafeed";
import { silentProgress } from "../../src/modules/datafeed/progress";
import type { ManualClock } from "../../src/testing";
import type { ManualRole } from "../../src/testing/manual-role";

/**
 * One instance of a cluster in the test's process: the real app with the datafeed module, its
 * role set by hand, on a database and a bus other instances share.
 */
export interface MarketNode {
  readonly app: TradewireApp;
  readonly service: DatafeedService;
  readonly role: ManualRole;
  readonly bus: CuttableBus;
  readonly httpUrl: string;
  readonly wsUrl: string;
  /** Every write this instance sent to the database (`insert bars_1m`, `copy bars_1m`, ...). */
  readonly writes: string[];
  close(): Promise<void>;
}

/** The shared database as one instance sees it: its writes recorded, its close a no-op. */
function nodeDatabase(shared: Database, writes: string[]): Database {
  const recorder: KyselyPlugin = {
    transformQuery({ node }) {
      if (node.kind === "InsertQueryNode")
        writes.push(`insert ${node.into?.table.identifier.name ?? "?"}`);
      if (node.kind === "UpdateQueryNode" || node.kind === "DeleteQueryNode")
        writes.push(node.kind);
      return node;
    },
    transformResult: ({ result }) => Promise.resolve(result),
  };
  return {
    kind: shared.kind,
    db: shared.db.withPlugin(recorder),
    ...(shared.schema === undefined ? {} : { schema: shared.schema }),
    copyRows(table, columns, rows) {
      writes.push(`copy ${table}`);
      return shared.copyRows(table, columns, rows);
    },
    copyOutBinary: (select) => shared.copyOutBinary(select),
    close: () => Promise.resolve(),
  };
}

/** The environment every instance of a test cluster is configured from. */
export const NODE_ENV = {
  LOG_LEVEL: "silent",
  JWT_SECRET: "market-cluster-secret-0123456789abcdef",
  BACKFILL_DAYS: "1",
};

export async function startMarketNode(options: {
  clock: ManualClock;
  database: Database;
  bus: Bus;
  role: ManualRole;
}): Promise<MarketNode> {
  const writes: string[] = [];
  const bus = new CuttableBus(options.bus);
  const built: { service?: DatafeedService } = {};
  const app = await createApp({
    config: loadConfig(NODE_ENV),
    database: nodeDatabase(options.database, writes),
    clock: options.clock,
    bus,
    role: options.role,
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
    role: options.role,
    bus,
    httpUrl,
    wsUrl: `${httpUrl.replace(/^http/, "ws")}/api/v1/ws`,
    writes,
    close: () => app.close(),
  };
}
