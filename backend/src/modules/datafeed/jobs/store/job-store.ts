import { sql } from "kysely";
import type { Database } from "../../../../db/database";
import { LIST_LIMIT, type StoredJob } from "../model";
import { jobFromRow, jobToRow } from "./job-rows";

/** The history_jobs table. */
export class JobStore {
  constructor(private readonly database: Database) {}

  /** A new job, alive as of `heartbeatAt` (UTC ms). */
  async insert(stored: StoredJob, heartbeatAt: number): Promise<void> {
    await this.database.db
      .insertInto("history_jobs")
      .values({ ...jobToRow(stored), heartbeat_at: heartbeatAt })
      .execute();
  }

  /**
   * Write the job's whole state as it is now (status, counters, times, file, error); with
   * `heartbeatAt`, also that it is alive as of then.
   */
  async save(stored: StoredJob, heartbeatAt?: number): Promise<void> {
    const { id, account_id: _a, created_at: _c, ...row } = jobToRow(stored);
    await this.database.db
      .updateTable("history_jobs")
      .set(
        heartbeatAt === undefined ? row : { ...row, heartbeat_at: heartbeatAt },
      )
      .where("id", "=", id)
      .execute();
  }

  /**
   * Like `save`, but only while the stored job is still queued or running: false when it ended
   * meanwhile (the leader failed it as orphaned), and then nothing is written.
   */
  async advance(stored: StoredJob, heartbeatAt?: number): Promise<boolean> {
    const { id, account_id: _a, created_at: _c, ...row } = jobToRow(stored);
    const result = await this.database.db
      .updateTable("history_jobs")
      .set(
        heartbeatAt === undefined ? row : { ...row, heartbeat_at: heartbeatAt },
      )
      .where("id", "=", id)
      .where("status", "in", ["queued", "running"])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Stamp every queued or running job of the instance alive as of `at`, in one UPDATE; the ids
   * stamped (a job of this instance missing from them has ended, or was failed as orphaned).
   */
  async heartbeat(instanceId: string, at: number): Promise<Set<string>> {
    const rows = await this.database.db
      .updateTable("history_jobs")
      .set({ heartbeat_at: at })
      .where("instance_id", "=", instanceId)
      .where("status", "in", ["queued", "running"])
      .returning("id")
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Fail, in one conditional UPDATE, the queued or running jobs whose heartbeat is older than
   * `staleBefore`: a job that ended or got a fresh heartbeat meanwhile is not touched. The message
   * names the job's instance. Returns the jobs failed, as they are now.
   */
  async failOrphans(staleBefore: number, now: number): Promise<StoredJob[]> {
    const rows = await this.database.db
      .updateTable("history_jobs")
      .set({
        status: "failed",
        finished_at: now,
        error_code: "SERVICE_UNAVAILABLE",
        error_message: sql<string>`'the instance running the job stopped answering (' || instance_id || ')'`,
      })
      .where("status", "in", ["queued", "running"])
      .where("heartbeat_at", "<", staleBefore)
      .returningAll()
      .execute();
    return rows.map(jobFromRow);
  }

  /** The account's job, or null when it is missing or another account's. */
  async job(accountId: string, id: string): Promise<StoredJob | null> {
    const row = await this.database.db
      .selectFrom("history_jobs")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row && row.account_id === accountId ? jobFromRow(row) : null;
  }

  /** The account's newest jobs, newest first. */
  async jobs(accountId: string, limit = LIST_LIMIT): Promise<StoredJob[]> {
    const rows = await this.database.db
      .selectFrom("history_jobs")
      .selectAll()
      .where("account_id", "=", accountId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
    return rows.map(jobFromRow);
  }

  /** The account's jobs queued or running (what HISTORY_JOBS_PER_ACCOUNT bounds). */
  async countActive(accountId: string): Promise<number> {
    const row = await this.database.db
      .selectFrom("history_jobs")
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .where("account_id", "=", accountId)
      .where("status", "in", ["queued", "running"])
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Jobs queued or running; of one instance when `instanceId` is given. */
  async unfinished(instanceId: string | null): Promise<StoredJob[]> {
    let query = this.database.db
      .selectFrom("history_jobs")
      .selectAll()
      .where("status", "in", ["queued", "running"]);
    if (instanceId !== null)
      query = query.where("instance_id", "=", instanceId);
    return (await query.execute()).map(jobFromRow);
  }

  /**
   * Ended jobs whose file is still on disk: completed ones that finished before `before` (UTC ms),
   * and any failed or cancelled one at once (an orphan the leader failed keeps its path until the
   * instance that sees the file removes it; it has no download).
   */
  async filesToSweep(before: number): Promise<StoredJob[]> {
    const rows = await this.database.db
      .selectFrom("history_jobs")
      .selectAll()
      .where("file_path", "is not", null)
      .where((eb) =>
        eb.or([
          eb.and([
            eb("status", "=", "completed"),
            eb("finished_at", "<", before),
          ]),
          eb("status", "in", ["failed", "cancelled"]),
        ]),
      )
      .execute();
    return rows.map(jobFromRow);
  }
}
