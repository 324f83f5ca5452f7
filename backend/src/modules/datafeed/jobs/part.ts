import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { AccountDirectory } from "../../../contracts/accounts";
import { JobsWsRouter } from "../../../generated/ws-routers";
import type { RouteHandler } from "../../../ws";
import type { ModuleContext } from "../../module";
import type { HistoryQuery } from "../history-query";
import type { SymbolCatalog } from "../symbol-catalog";
import { openExportWriter } from "../export";
import { JobCancel } from "./cluster/job-cancel";
import { JobOrphans } from "./cluster/job-orphans";
import { jobRelay } from "./cluster/job-relay";
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
 * Clustered, a job runs on the instance that took the POST; its changes reach every instance's
 * `jobs` topics over the bus (cluster/job-relay.ts) and a cancel sent anywhere reaches it
 * (cluster/job-cancel.ts).
 */
export function historyJobsPart(
  ctx: ModuleContext,
  parts: { catalog: SymbolCatalog; query: HistoryQuery },
  deps: HistoryJobsDependencies,
): HistoryJobsPart {
  if (!ctx.database) throw new Error("history jobs need a database");
  const store = new JobStore(ctx.database);
  const { clustered, instanceId } = ctx.role;
  const relay = clustered ? jobRelay(ctx.bus, instanceId, ctx.log) : null;
  const files = new JobFiles(join(ctx.config.dataDir, "exports"));
  const runner = new JobRunner({
    store,
    extent: new HistoryExtent(ctx.database, parts.catalog.stored),
    source: parts.query,
    files,
    openWriter: openExportWriter,
    clock: ctx.clock,
    log: ctx.log,
    config: ctx.config.historyJobs,
    instanceId,
    clustered,
    ...(relay ? { changes: relay } : {}),
  });
  const cancel = new JobCancel({
    runner,
    store,
    bus: clustered ? ctx.bus : null,
    instanceId,
    timeoutMs: ctx.config.historyJobs.cancelTimeoutMs,
    log: ctx.log,
  });
  // Clustered, the leader fails the jobs of an instance that stopped heartbeating.
  const orphans = clustered
    ? new JobOrphans({
        store,
        files,
        changes: runner.changes,
        role: ctx.role,
        clock: ctx.clock,
        config: ctx.config.historyJobs,
        log: ctx.log,
      })
    : null;
  const topics = new JobTopics(store, runner, relay);
  let offConnection: (() => void) | null = null;
  return {
    registerRoutes: (app) =>
      registerJobRoutes(app, {
        runner,
        cancel,
        instanceId,
        files,
        store,
        catalog: parts.catalog,
        accounts: deps.accounts,
        auth: ctx.auth,
        clock: ctx.clock,
      }),
    wsRouters: () => [new JobsWsRouter(topics, new JobActions(cancel))],
    async start() {
      if (relay)
        // What the bus lost while cut off (a final status too) is read again from the database.
        offConnection = ctx.bus.onConnectionChange((connected) => {
          if (!connected) return;
          relay.retry();
          void cancel.start();
          topics
            .resync()
            .catch((err: unknown) =>
              ctx.log.error({ err }, "history jobs could not resynchronise"),
            );
        });
      await cancel.start();
      await runner.start();
      orphans?.start();
    },
    async stop() {
      offConnection?.();
      await orphans?.stop();
      await runner.stop();
      await cancel.stop();
    },
  };
}
