import type { Kysely, Migration } from "kysely";

/**
 * History jobs per account: the request as JSON, the status and progress counters, where the file
 * is and its size, and the error of a failed job. `instance_id` names the instance that runs the
 * job, so a restart fails only its own unfinished jobs; `heartbeat_at` is when that instance last
 * said the job is alive, so the cluster leader fails the jobs of an instance that is gone.
 */
export const historyJobTables: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("history_jobs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) =>
        c.notNull().references("accounts.id"),
      )
      .addColumn("instance_id", "text", (c) => c.notNull())
      .addColumn("request", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("bars_done", "double precision", (c) => c.notNull())
      .addColumn("bars_total", "double precision", (c) => c.notNull())
      .addColumn("created_at", "double precision", (c) => c.notNull())
      .addColumn("started_at", "double precision")
      .addColumn("finished_at", "double precision")
      .addColumn("file_path", "text")
      .addColumn("bytes", "double precision")
      .addColumn("error_code", "text")
      .addColumn("error_message", "text")
      .addColumn("heartbeat_at", "double precision", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("history_jobs_account_created_idx")
      .on("history_jobs")
      .columns(["account_id", "created_at"])
      .execute();
    await db.schema
      .createIndex("history_jobs_status_idx")
      .on("history_jobs")
      .column("status")
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("history_jobs").execute();
  },
};
