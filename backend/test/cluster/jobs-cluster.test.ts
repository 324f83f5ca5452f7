import type { HistoryJob } from "@tradewire/client";
import { mkdtempSync, readdirSync } from "node:fs";
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
  updatesUntilEnd,
} from "../support/job-calls";
import { TestSocket, type Frame } from "../support/test-socket";

const NOW_S = WEDNESDAY_10AM_NY / 1000;
const DAY_S = 86_400;
/** Ten symbols' 1-minute bars over the whole backfill, read cold: a job of about a second. */
const LONG = jobInput({
  symbols: DENSE_SYMBOLS,
  resolution: "1",
  from: NOW_S - 6 * DAY_S,
  to: NOW_S,
});
const SHORT = jobInput({
  symbols: ["AAPL"],
  resolution: "1D",
  from: NOW_S - 3 * DAY_S,
  to: NOW_S,
});

const jobUpdates = (socket: TestSocket, id: string): Frame[] =>
  socket.frames.filter(
    (f) =>
      f.type === "jobs.update" && (f.payload.payload as HistoryJob).id === id,
  );

describe.each(testDatabases())(
  "history jobs on three instances sharing $name and one bus",
  (engine) => {
    const root = mkdtempSync(join(tmpdir(), "tw-jobs-cluster-"));
    // The leader and follower-2 share an exports folder; follower-1 has its own.
    const dataDir = (i: number) => join(root, i === 1 ? "own" : "shared");
    let cluster: Cluster;
    let database: Database;
    let a: Instance;
    let b: Instance;
    let alice = "";
    const onA = jobCalls(() => a);
    const onB = jobCalls(() => b);
    const onC = jobCalls(() => cluster.instances[2] as Instance);
    const sockets: TestSocket[] = [];
    const open = async (instance: Instance) => {
      const socket = await TestSocket.open(instance.wsUrl, { token: alice });
      sockets.push(socket);
      expect((await socket.subscribe("jobs", {})).payload.status).toBe("ok");
      return socket;
    };

    beforeAll(async () => {
      cluster = await startCluster({
        clock: new ManualClock(WEDNESDAY_10AM_NY),
        database: (database = await engine.open()),
        size: 3,
        env: (i) => ({
          BACKFILL_DAYS: "6",
          HISTORY_CACHE_MINUTES: "0",
          DATA_DIR: dataDir(i),
          HISTORY_JOBS_CONCURRENCY: "1",
          HISTORY_JOBS_CANCEL_TIMEOUT_MS: "300",
        }),
      });
      [a, b] = cluster.instances as [Instance, Instance];
      alice = await a.login("alice");
    }, 60_000);
    afterAll(async () => {
      for (const s of sockets) s.close();
      await cluster.close();
      await engine.dispose();
    });

    it("a socket on B sees queued, running, progress and completed of a job started on A, the same updates as A's socket, none twice", async () => {
      const [sa, sb] = [await open(a), await open(b)];
      const job = (await onA.create(alice, { ...LONG, format: "parquet" }))
        .body;
      const seenOnB = await updatesUntilEnd(sb, job.id);
      const seenOnA = await updatesUntilEnd(sa, job.id);
      expect(seenOnB.map((u) => u.status)[0]).toBe("queued");
      expect(seenOnB.at(-1)?.status).toBe("completed");
      const running = seenOnB.filter((u) => u.status === "running");
      expect(running[0]?.barsDone).toBe(0);
      // Progress: strictly growing counters between the status changes. How many progress updates
      // a job of ~0.5 s sends depends on the machine (one per 250 ms); history-jobs.test.ts
      // checks several on one instance.
      const done = running.map((u) => u.barsDone);
      expect(done.length).toBeGreaterThanOrEqual(1);
      expect(done).toEqual([...done].sort((x, y) => x - y));
      expect(new Set(done).size).toBe(done.length);
      expect(seenOnA).toEqual(seenOnB);
      // Nothing of the job arrives after its end, on A (its own updates heard once) or on B.
      await Promise.all([sa.ping(), sb.ping()]);
      expect(jobUpdates(sa, job.id)).toEqual([]);
      expect(jobUpdates(sb, job.id)).toEqual([]);

      const completed = seenOnB.at(-1) as HistoryJob;
      const fromA = await onA.download(alice, completed.downloadUrl as string);
      expect(fromA.status).toBe(200);
      expect(Number(fromA.headers.get("content-length"))).toBe(completed.bytes);
      // B has its own exports folder: it names the instance that holds the file.
      const fromB = await onB.download(alice, completed.downloadUrl as string);
      expect(fromB.status).toBe(404);
      expect(JSON.parse(fromB.text)).toMatchObject({
        code: "NOT_FOUND",
        message: `the file of history job ${job.id} is on instance leader, which ran it; download it from that instance (or share DATA_DIR/exports between the instances)`,
      });
      // follower-2 shares the leader's folder: it serves the same file.
      const fromC = await onC.download(alice, completed.downloadUrl as string);
      expect(fromC.status).toBe(200);
      expect(fromC.text).toBe(fromA.text);
    }, 60_000);

    it("cancels sent to B stop A's jobs: a queued one over jobs.cancel, a running one over REST, answered once stopped", async () => {
      const sb = await open(b);
      const first = (await onA.create(alice, LONG)).body;
      const second = (await onA.create(alice, SHORT)).body;
      expect(second.status).toBe("queued");
      const running = await nextWithStatus(sb, first.id, "running");

      sb.send({ type: "jobs.cancel", id: "c1", payload: { id: second.id } });
      const answer = await sb.next(
        (f) => f.type === "jobs.cancel.response" && f.id === "c1",
      );
      expect(answer.payload).toEqual({ status: "ok" });
      expect((await onB.get(alice, second.id)).body.status).toBe("cancelled");

      const cancelled = await onB.cancel(alice, first.id);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe("cancelled");
      expect(cancelled.body.barsDone).toBeLessThan(running.barsTotal);
      expect((await nextWithStatus(sb, first.id, "cancelled")).barsDone).toBe(
        cancelled.body.barsDone,
      );
      expect((await nextWithStatus(sb, second.id, "cancelled")).id).toBe(
        second.id,
      );
      // The job stopped where it ran: A removed its partial file.
      expect(
        readdirSync(join(dataDir(0), "exports")).filter((f) =>
          f.startsWith(first.id),
        ),
      ).toEqual([]);
    }, 60_000);

    it("a cancel the running instance does not answer (it is gone) fails after HISTORY_JOBS_CANCEL_TIMEOUT_MS with 503 naming it, and changes nothing", async () => {
      // What an instance killed mid-job leaves: a job still running under its name.
      const orphan = "job-of-a-gone-instance";
      await database.db
        .insertInto("history_jobs")
        .values({
          id: orphan,
          account_id: "acc-bob-main",
          instance_id: "gone",
          request: JSON.stringify(SHORT),
          status: "running",
          bars_done: 2,
          bars_total: 3,
          created_at: WEDNESDAY_10AM_NY,
          started_at: WEDNESDAY_10AM_NY,
          finished_at: null,
          file_path: null,
          bytes: null,
          error_code: null,
          error_message: null,
          heartbeat_at: WEDNESDAY_10AM_NY,
        })
        .execute();
      const bob = await b.login("bob");
      const message = `history job ${orphan} runs on instance gone, which did not answer the cancel within 300 ms; if that instance is gone, the cluster leader fails the job once its heartbeat is stale`;
      const refused = await onB.cancel(bob, orphan);
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("5");
      expect(refused.body).toMatchObject({
        code: "SERVICE_UNAVAILABLE",
        message,
      });
      const socket = await TestSocket.open(b.wsUrl, { token: bob });
      sockets.push(socket);
      socket.send({ type: "jobs.cancel", id: "t1", payload: { id: orphan } });
      const answer = await socket.next(
        (f) => f.type === "jobs.cancel.response" && f.id === "t1",
      );
      expect(answer.payload).toEqual({
        status: "error",
        code: "SERVICE_UNAVAILABLE",
        message,
      });
      expect((await onA.get(bob, orphan)).body).toMatchObject({
        status: "running",
        barsDone: 2,
      });
    }, 60_000);

    it("B cut off from the bus misses a job's updates; once back, its socket gets the final status from the database", async () => {
      const sb = await open(b);
      b.bus.cut();
      const job = (await onA.create(alice, SHORT)).body;
      const sa = await open(a);
      const done = await nextWithStatus(sa, job.id, "completed");
      await sb.ping();
      expect(jobUpdates(sb, job.id)).toEqual([]);
      b.bus.restore();
      const resynced = await nextWithStatus(sb, job.id, "completed", 5_000);
      expect(resynced).toEqual(done);
      await sb.ping();
      expect(jobUpdates(sb, job.id)).toEqual([]);
    }, 60_000);
  },
);
