import type { HistoryJob } from "@tradewire/client";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startCluster,
  type Cluster,
  type Instance,
} from "../support/alerts-cluster-apps";
import type { Database } from "../../src/db/database";
import { testDatabases } from "../support/databases";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import {
  DENSE_SYMBOLS,
  jobCalls,
  jobInput,
  nextWithStatus,
} from "../support/job-calls";
import { TestSocket, until } from "../support/test-socket";

const NOW_S = WEDNESDAY_10AM_NY / 1000;
const DAY_S = 86_400;
const HEARTBEAT_MS = 50;
const ORPHAN_AFTER_MS = 150;
const SHORT = jobInput({
  symbols: ["AAPL"],
  resolution: "1D",
  from: NOW_S - 3 * DAY_S,
  to: NOW_S,
});
/** Ten symbols' 1-minute bars over the whole backfill: a job that outlasts several heartbeats. */
const LONG = jobInput({
  symbols: DENSE_SYMBOLS,
  resolution: "1",
  from: NOW_S - 6 * DAY_S,
  to: NOW_S,
  format: "parquet",
});

describe.each(testDatabases())(
  "history jobs of a gone instance, on three instances sharing $name",
  (engine) => {
    const root = mkdtempSync(join(tmpdir(), "tw-jobs-orphans-"));
    // Each instance has its own exports folder.
    const exportsOf = (i: number) => join(root, `i${i}`, "exports");
    const clock = new ManualClock(WEDNESDAY_10AM_NY);
    let cluster: Cluster;
    let database: Database;
    let alice = "";
    const instance = (i: number) => cluster.instances[i] as Instance;
    const onB = jobCalls(() => instance(1));
    const sockets: TestSocket[] = [];

    /** What a crashed instance leaves: a job still `running` under its name, heartbeat `age` old. */
    const crashedJob = async (
      id: string,
      instanceId: string,
      filePath: string | null,
      age = 5 * ORPHAN_AFTER_MS,
    ) => {
      await database.db
        .insertInto("history_jobs")
        .values({
          id,
          account_id: "acc-alice-main",
          instance_id: instanceId,
          request: JSON.stringify(SHORT),
          status: "running",
          bars_done: 2,
          bars_total: 3,
          created_at: clock.now() - age,
          started_at: clock.now() - age,
          finished_at: null,
          file_path: filePath,
          bytes: null,
          error_code: null,
          error_message: null,
          heartbeat_at: clock.now() - age,
        })
        .execute();
    };
    const row = (id: string) =>
      database.db
        .selectFrom("history_jobs")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    const partial = (i: number, id: string) => {
      mkdirSync(exportsOf(i), { recursive: true });
      const path = join(exportsOf(i), `${id}.csv`);
      writeFileSync(`${path}.partial`, "time,open\n");
      return path;
    };

    beforeAll(async () => {
      cluster = await startCluster({
        clock,
        database: (database = await engine.open()),
        size: 3,
        env: (i) => ({
          BACKFILL_DAYS: "6",
          HISTORY_CACHE_MINUTES: "0",
          DATA_DIR: join(root, `i${i}`),
          HISTORY_JOBS_CONCURRENCY: "1",
          HISTORY_JOBS_HEARTBEAT_MS: String(HEARTBEAT_MS),
          HISTORY_JOBS_ORPHAN_AFTER_MS: String(ORPHAN_AFTER_MS),
        }),
      });
      alice = await instance(0).login("alice");
    }, 60_000);
    afterAll(async () => {
      for (const s of sockets) s.close();
      await cluster.close();
      await engine.dispose();
    });

    it("the leader fails a crashed instance's running job with the reason, removes the file it sees, and a socket on another instance sees it failed", async () => {
      const socket = await TestSocket.open(instance(1).wsUrl, {
        token: alice,
      });
      sockets.push(socket);
      await socket.subscribe("jobs", {});
      const id = "job-of-crashed-instance";
      const path = partial(0, id);
      await crashedJob(id, "crashed-1", path);

      const failed = await nextWithStatus(socket, id, "failed", 5_000);
      expect(failed).toMatchObject({
        id,
        status: "failed",
        barsDone: 2,
        finishedAt: clock.now(),
        error: {
          code: "SERVICE_UNAVAILABLE",
          message: "the instance running the job stopped answering (crashed-1)",
        },
      });
      expect(failed.downloadUrl).toBeUndefined();
      expect(existsSync(`${path}.partial`)).toBe(false);
      expect(await row(id)).toMatchObject({
        status: "failed",
        file_path: null,
      });
      expect((await onB.get(alice, id)).body).toEqual(failed);
    }, 30_000);

    it("an orphan's partial file the leader cannot see is removed by its instance once it is back under the same INSTANCE_ID", async () => {
      const id = "job-of-follower-2";
      const path = partial(2, id);
      await cluster.restart(2, async () => {
        // follower-2 crashed mid-job: its row and partial file stay; the leader fails the job.
        await crashedJob(id, "follower-2", path);
        await until(
          async () => (await row(id)).status === "failed",
          5_000,
          "the orphan failed",
        );
        expect(await row(id)).toMatchObject({
          error_message:
            "the instance running the job stopped answering (follower-2)",
          file_path: path,
        });
        expect(existsSync(`${path}.partial`)).toBe(true);
      });
      // Back, follower-2's start sweep removes the file the leader could not see.
      expect(existsSync(`${path}.partial`)).toBe(false);
      expect((await row(id)).file_path).toBeNull();
    }, 60_000);

    it("a live instance's long job is never failed: its heartbeats keep it fresh while time passes far beyond HISTORY_JOBS_ORPHAN_AFTER_MS", async () => {
      const socket = await TestSocket.open(instance(1).wsUrl, {
        token: alice,
      });
      sockets.push(socket);
      await socket.subscribe("jobs", {});
      const job = (await onB.create(alice, LONG)).body;
      await nextWithStatus(socket, job.id, "running");
      const startedAt = clock.now();
      let aliveAt = startedAt;
      // Each step is less than the orphan age; the steps add up to several times it. The leader
      // checks all along, so only the fresh heartbeat written after each step keeps the job alive.
      for (let step = 0; step < 6; step++) {
        clock.advance(ORPHAN_AFTER_MS - HEARTBEAT_MS);
        await until(
          async () => {
            const r = await row(job.id);
            return r.status !== "running" || r.heartbeat_at === clock.now();
          },
          5_000,
          "a fresh heartbeat",
        );
        if ((await row(job.id)).status !== "running") break;
        aliveAt = clock.now();
      }
      const end = await nextWithStatus(socket, job.id, "completed");
      expect(end.status).toBe("completed");
      expect((await row(job.id)).error_code).toBeNull();
      // Still running, freshly stamped, well past the orphan age since it started.
      expect(aliveAt - startedAt).toBeGreaterThan(ORPHAN_AFTER_MS);
    }, 60_000);

    it("a live instance whose running job the leader failed anyway (its heartbeats stalled) stops it (at its next heartbeat, or at the latest when it ends) without writing anything over the failure, and removes its file", async () => {
      const socket = await TestSocket.open(instance(1).wsUrl, {
        token: alice,
      });
      sockets.push(socket);
      await socket.subscribe("jobs", {});
      const job = (await onB.create(alice, LONG)).body;
      await nextWithStatus(socket, job.id, "running");
      const reason =
        "the instance running the job stopped answering (follower-1)";
      // What the leader writes for a job whose heartbeat went stale.
      await database.db
        .updateTable("history_jobs")
        .set({
          status: "failed",
          finished_at: clock.now(),
          error_code: "SERVICE_UNAVAILABLE",
          error_message: reason,
        })
        .where("id", "=", job.id)
        .execute();
      await until(
        () => !readdirSync(exportsOf(1)).some((f) => f.startsWith(job.id)),
        10_000,
        "the job's file removed",
      );
      // The slot is free again (HISTORY_JOBS_CONCURRENCY is 1): the next job runs to its end.
      const next = (await onB.create(alice, SHORT)).body;
      await nextWithStatus(socket, next.id, "completed");
      expect(await row(job.id)).toMatchObject({
        status: "failed",
        error_message: reason,
      });
      const after = socket.frames.filter(
        (f) =>
          f.type === "jobs.update" &&
          (f.payload.payload as HistoryJob).id === job.id,
      );
      expect(
        after.map((f) => (f.payload.payload as HistoryJob).status),
      ).not.toContain("completed");
    }, 60_000);

    it("a follower never fails orphans; the instance promoted leader does", async () => {
      await instance(0).role.demote();
      const id = "job-while-nobody-leads";
      await crashedJob(id, "crashed-2", null);
      // Several heartbeat intervals pass on the followers: nobody fails it.
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, HEARTBEAT_MS));
        expect((await row(id)).status).toBe("running");
      }
      await instance(1).role.promote();
      await until(
        async () => (await row(id)).status === "failed",
        5_000,
        "the orphan failed by the new leader",
      );
      expect(await row(id)).toMatchObject({
        error_code: "SERVICE_UNAVAILABLE",
        error_message:
          "the instance running the job stopped answering (crashed-2)",
      });
    }, 30_000);
  },
);
