import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { JwtAuth } from "../../../../auth/jwt";
import { ownedAccount } from "../../../../auth/owned-account";
import { authenticate } from "../../../../auth/request-auth";
import type { Clock } from "../../../../clock";
import type { AccountDirectory } from "../../../../contracts/accounts";
import { HttpError } from "../../../../http/error-handlers";
import { restRoute, type RestHandler } from "../../../../http/rest-route";
import type { SymbolCatalog } from "../../symbol-catalog";
import { planJob } from "../plan";
import { downloadName, presentJob } from "../present";
import type { JobCancel } from "../cluster/job-cancel";
import { JobRejection } from "../rejection";
import type { JobFiles } from "../run/job-files";
import type { JobRunner } from "../run/job-runner";
import type { JobStore } from "../store/job-store";

/** The file's size, or null when this instance cannot see it. */
async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

type JobOperation =
  | "listHistoryJobs"
  | "createHistoryJob"
  | "getHistoryJob"
  | "cancelHistoryJob"
  | "downloadHistoryJob";

export interface JobRouteDeps {
  readonly runner: JobRunner;
  readonly cancel: JobCancel;
  /** This instance's id: a file of a job another instance ran is named by that one. */
  readonly instanceId: string;
  /** This instance's exports folder (shared by the instances only if the operator shares it). */
  readonly files: JobFiles;
  readonly store: JobStore;
  readonly catalog: SymbolCatalog;
  readonly accounts: AccountDirectory;
  readonly auth: JwtAuth;
  readonly clock: Clock;
}

const MEDIA_TYPE = {
  csv: "text/csv; charset=utf-8",
  parquet: "application/vnd.apache.parquet",
} as const;

/**
 * History jobs under /api/v1/history/jobs, account-scoped like the alerts: every call acts on one
 * of the caller's own accounts, the token's or the one `accountId` names; another user's account
 * or job answers 404, exactly like a missing one.
 */
export function registerJobRoutes(
  app: FastifyInstance,
  deps: JobRouteDeps,
): void {
  const { runner, store, catalog, accounts, auth, clock } = deps;

  /** The account acted on, and the `accountId` a download URL must carry (null: the token's). */
  const account = async ({
    request,
    query,
  }: {
    request: FastifyRequest;
    query: { accountId?: string };
  }): Promise<{ id: string; query: string | null }> => {
    const owned = await ownedAccount(request, query.accountId, auth, accounts);
    const caller = await authenticate(request, auth);
    return {
      id: owned.id,
      query: owned.id === caller.accountId ? null : owned.id,
    };
  };

  const notFound = (id: string) =>
    new HttpError(404, "NOT_FOUND", `no history job ${id}`);

  const route = <K extends JobOperation>(
    id: K,
    handler: RestHandler<K>,
  ): void => {
    restRoute(app, id, async (context) => {
      try {
        return await handler(context);
      } catch (err) {
        if (err instanceof JobRejection)
          throw new HttpError(
            err.status,
            err.code,
            err.message,
            err.field,
            err.retryAfterSeconds !== undefined
              ? { "retry-after": String(err.retryAfterSeconds) }
              : {},
          );
        throw err;
      }
    });
  };

  route("listHistoryJobs", async (context) => {
    const owned = await account(context);
    return {
      status: 200,
      body: (await store.jobs(owned.id)).map((s) =>
        presentJob(runner.current(s), owned.query),
      ),
    };
  });

  route("createHistoryJob", async (context) => {
    const owned = await account(context);
    const plan = planJob(catalog, context.body, clock.now());
    const stored = await runner.create(owned.id, context.body, plan);
    return { status: 202, body: presentJob(stored, owned.query) };
  });

  route("getHistoryJob", async (context) => {
    const owned = await account(context);
    const stored = await store.job(owned.id, context.params.jobId);
    if (!stored) throw notFound(context.params.jobId);
    return {
      status: 200,
      body: presentJob(runner.current(stored), owned.query),
    };
  });

  route("cancelHistoryJob", async (context) => {
    const owned = await account(context);
    const stored = await deps.cancel.cancel(owned.id, context.params.jobId);
    if (!stored) throw notFound(context.params.jobId);
    return { status: 200, body: presentJob(stored, owned.query) };
  });

  route("downloadHistoryJob", async (context) => {
    const owned = await account(context);
    const { jobId } = context.params;
    const stored = await store.job(owned.id, jobId);
    if (!stored || stored.job.status !== "completed" || !stored.filePath)
      throw new HttpError(
        404,
        "NOT_FOUND",
        stored
          ? `history job ${jobId} has no file: it is ${stored.job.status}${stored.job.status === "completed" ? " and its file passed the retention" : ""}`
          : `no history job ${jobId}`,
      );
    const { format } = stored.job.request;
    // Another instance's job is served only from a DATA_DIR/exports the operator shares.
    const own = stored.instanceId === deps.instanceId;
    const path = own ? stored.filePath : deps.files.pathOf(jobId, format);
    const size = await sizeOf(path);
    if (size === null)
      throw new HttpError(
        404,
        "NOT_FOUND",
        own
          ? `the file of history job ${jobId} is missing`
          : `the file of history job ${jobId} is on instance ${stored.instanceId}, which ran it; download it from that instance (or share DATA_DIR/exports between the instances)`,
      );
    return {
      status: 200,
      // Streamed from disk: the generated reply type knows the file only as the spec's `string`.
      body: createReadStream(path) as unknown as string,
      headers: {
        "content-type": MEDIA_TYPE[format],
        "content-length": String(size),
        "content-disposition": `attachment; filename="${downloadName(stored.job)}"`,
      },
    };
  });
}
