import type { Database } from "../../../../db/database";
import { LIST_LIMIT, type StoredJob } from "../model";
import { jobFromRow, jobToRow } from "./job-rows";

/** The history_jobs table. */
export class JobStore {
  constructor(private readonly database: Database) {}

  async insert(stored: StoredJob): Promise<void> {
    await this.database.db
      .insertInto("history_jobs")
      .values(jobToRow(stored))
      .execute();
  }

  /** Write the job's whole state as it is now (status, counters, times, file, error). */
  async save(stored: StoredJob): Promise<void> {
    const { id, account_id: _a, created_at: _c, ...row } = jobToRow(stored);
    await this.database.db
      .updateTable("history_jobs")
      .set(row)
      .where("id", "=", id)
      .execute();
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

  /** Ended jobs whose file is still on disk and that finished before `before` (UTC ms). */
  async filesOlderThan(before: number): Promise<StoredJob[]> {
    const rows = await this.database.db
      .selectFrom("history_jobs")
      .selectAll()
      .where("file_path", "is not", null)
      .where("finished_at", "<", before)
      .execute();
    return rows.map(jobFromRow);
  }
}
