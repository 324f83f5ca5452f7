import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { AccountDirectory } from "../../../contracts/accounts";
import { JobsWsRouter } from "../../../generated/ws-routers";
import type { RouteHandler } from "../../../ws";
import type { ModuleContext } from "../../module";
import type { HistoryQuery } from "../history-query";
import type { SymbolCatalog } from "../symbol-catalog";
import { openExportWriter } from "../export";
import { registerJobRoutes } from "./rest/job-routes";
import { JobFiles } from "./run/job-files";
import { JobRunner } from "./run/job-runner";
import { HistoryExtent } from "./store/history-extent";
import { JobStore } from "./store/job-store";
import { JobActions } from "./ws/job-actions";
import { JobTopics } from "./ws/job-topics";

/** What the jobs need from outside the datafeed: who owns which account. */
export interface HistoryJobsDependencies {
  readonly accounts: AccountDirectory;
}

export interface HistoryJobsPart {
  registerRoutes(app: FastifyInstance): void;
  wsRouters(): RouteHandler[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * History jobs: long retrievals walked in chunks through the same query as `/bars`, written to
 * DATA_DIR/exports, with REST under /api/v1/history/jobs and progress on the `jobs` channel.
 */
export function historyJobsPart(
  ctx: ModuleContext,
  parts: { catalog: SymbolCatalog; query: HistoryQuery },
  deps: HistoryJobsDependencies,
): HistoryJobsPart {
  if (!ctx.database) throw new Error("history jobs need a database");
  const store = new JobStore(ctx.database);
  const runner = new JobRunner({
    store,
    extent: new HistoryExtent(ctx.database, parts.catalog.stored),
    source: parts.query,
    files: new JobFiles(join(ctx.config.dataDir, "exports")),
    openWriter: openExportWriter,
    clock: ctx.clock,
    log: ctx.log,
    config: ctx.config.historyJobs,
    instanceId: ctx.role.instanceId,
    clustered: ctx.role.clustered,
  });
  return {
    registerRoutes: (app) =>
      registerJobRoutes(app, {
        runner,
        store,
        catalog: parts.catalog,
        accounts: deps.accounts,
        auth: ctx.auth,
        clock: ctx.clock,
      }),
    wsRouters: () => [
      new JobsWsRouter(new JobTopics(store, runner), new JobActions(runner)),
    ],
    start: () => runner.start(),
    stop: () => runner.stop(),
  };
}
