import { CuttableBus } from "./cuttable-bus";
import { startDatafeedApp } from "./datafeed-app";
import type { TradewireApp } from "../../src/app";
import type { DatafeedService } from "../../src/modules/datafeed";
import type { Bus } from "../../src/bus/bus";
import type { KyselyPlugin } from "kysely";
import type { Database } from "../../src/db/database";
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
  const node = await startDatafeedApp({
    clock: options.clock,
    database: nodeDatabase(options.database, writes),
    env: NODE_ENV,
    bus,
    role: options.role,
  });
  return {
    app: node.app,
    service: node.service,
    role: options.role,
    bus,
    httpUrl: node.httpUrl,
    wsUrl: node.wsUrl,
    writes,
    close: () => node.close(),
  };
}
