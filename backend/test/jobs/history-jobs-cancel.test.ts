import type { HistoryJob } from "@tradewire/client";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../support/databases";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import {
  DENSE_SYMBOLS,
  jobCalls,
  jobInput,
  nextWithStatus,
  updatesUntilEnd,
} from "../support/job-calls";
import { TestSocket } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const NOW_S = WEDNESDAY_10AM_NY / 1000;
const DAY_S = 86_400;
/** Ten symbols, 1-minute bars over the whole backfill: a job of about 100,000 bars. */
const LONG = jobInput({
  symbols: DENSE_SYMBOLS,
  resolution: "1",
  from: NOW_S - 10 * DAY_S,
  to: NOW_S,
});
const SHORT = jobInput({
  symbols: ["AAPL"],
  resolution: "1D",
  from: NOW_S - 3 * DAY_S,
  to: NOW_S,
});

describe.each(testDatabases())(
  "cancelling and bounding history jobs on $name",
  (engine) => {
    let t: TradingApp;
    let alice = "";
    let bob = "";
    const dataDir = `/tmp/tw-jobs-cancel-${process.pid}-${engine.name}-${Date.now()}`;
    const calls = jobCalls(() => t);
    const fileOf = (job: HistoryJob) =>
      join(dataDir, "exports", `${job.id}.csv`);

    beforeAll(async () => {
      t = await startTradingApp({
        clock: new ManualClock(WEDNESDAY_10AM_NY),
        database: await engine.open(),
        env: {
          BACKFILL_DAYS: "10",
          HISTORY_CACHE_MINUTES: "0",
          DATA_DIR: dataDir,
          HISTORY_JOBS_PER_ACCOUNT: "2",
          HISTORY_JOBS_CONCURRENCY: "1",
        },
      });
      alice = await t.login("alice");
      bob = await t.login("bob");
    }, 180_000);
    afterAll(async () => {
      await t.close();
      await engine.dispose();
    });

    it("a running job cancelled over REST stops, says cancelled on the channel and leaves no file", async () => {
      const socket = await TestSocket.open(t.wsUrl, { token: alice });
      await socket.subscribe("jobs", {});
      const job = (await calls.create(alice, LONG)).body;
      const running = await nextWithStatus(socket, job.id, "running");
      const answer = await calls.cancel(alice, job.id);
      expect(answer.status).toBe(200);
      expect(answer.body.status).toBe("cancelled");
      expect(answer.body.barsDone).toBeLessThan(running.barsTotal);
      const last = (await updatesUntilEnd(socket, job.id)).at(-1) as HistoryJob;
      expect(last.status).toBe("cancelled");
      expect(last.downloadUrl).toBeUndefined();
      expect(existsSync(fileOf(job))).toBe(false);
      expect(readdirSync(join(dataDir, "exports"))).toEqual([]);
      expect(
        (await calls.download(alice, `/api/v1/history/jobs/${job.id}/file`))
          .status,
      ).toBe(404);
      // Cancelling again returns the job as it ended.
      expect((await calls.cancel(alice, job.id)).body.status).toBe("cancelled");
      socket.close();
    }, 120_000);

    it("a running job cancelled over the channel (jobs.cancel) stops and leaves no file; another account's, a bad payload and an anonymous socket are refused", async () => {
      const socket = await TestSocket.open(t.wsUrl, { token: alice });
      await socket.subscribe("jobs", {});
      const job = (await calls.create(alice, LONG)).body;
      const running = await nextWithStatus(socket, job.id, "running");
      const cancel = (s: TestSocket, id: string, payload: object) => {
        s.send({ type: "jobs.cancel", id, payload });
        return s.next((f) => f.type === "jobs.cancel.response" && f.id === id);
      };
      const bobSocket = await TestSocket.open(t.wsUrl, { token: bob });
      expect((await cancel(bobSocket, "b1", { id: job.id })).payload).toEqual({
        status: "error",
        code: "NOT_FOUND",
        message: `no history job ${job.id}`,
      });
      const anonymous = await TestSocket.open(t.wsUrl);
      expect(
        (await cancel(anonymous, "a1", { id: job.id })).payload,
      ).toMatchObject({ status: "error", code: "UNAUTHORIZED" });
      expect(
        (await cancel(socket, "x1", { id: job.id, also: 1 })).payload,
      ).toMatchObject({ status: "error", code: "INVALID_PARAMS" });
      expect((await cancel(socket, "c1", { id: job.id })).payload).toEqual({
        status: "ok",
      });
      const cancelled = await nextWithStatus(socket, job.id, "cancelled");
      expect(cancelled.barsDone).toBeLessThan(running.barsTotal);
      expect(readdirSync(join(dataDir, "exports"))).toEqual([]);
      expect((await calls.get(alice, job.id)).body.status).toBe("cancelled");
      // An unknown action of a channel is an unknown type, as before.
      socket.send({ type: "jobs.pause", id: "p1", payload: { id: job.id } });
      expect((await socket.nextOfType("error")).payload).toMatchObject({
        code: "UNKNOWN_TYPE",
        requestType: "jobs.pause",
      });
      socket.close();
      bobSocket.close();
      anonymous.close();
    }, 120_000);

    it("runs one job at a time (HISTORY_JOBS_CONCURRENCY 1), refuses a third with JOB_LIMIT, and runs the queued one once the first ends", async () => {
      const socket = await TestSocket.open(t.wsUrl, { token: alice });
      await socket.subscribe("jobs", {});
      const first = (await calls.create(alice, LONG)).body;
      await nextWithStatus(socket, first.id, "running");
      const second = await calls.create(alice, SHORT);
      expect(second.status).toBe(202);
      expect(second.body.status).toBe("queued");
      const third = await calls.create(alice, SHORT);
      expect(third.status).toBe(422);
      expect(third.body.code).toBe("JOB_LIMIT");
      expect(
        (await calls.list(alice)).body.filter(
          (j) => j.status === "queued" || j.status === "running",
        ),
      ).toHaveLength(2);
      // Another account has limits of its own.
      const bobs = await calls.create(bob, SHORT);
      expect(bobs.status).toBe(202);
      expect(bobs.body.status).toBe("queued");
      // Cancel a queued job: at once.
      const cancelledQueued = await calls.cancel(alice, second.body.id);
      expect(cancelledQueued.body.status).toBe("cancelled");
      expect(cancelledQueued.body.startedAt).toBeUndefined();
      await calls.cancel(alice, first.id);
      // Bob's queued job runs next and completes.
      const bobSocket = await TestSocket.open(t.wsUrl, { token: bob });
      await bobSocket.subscribe("jobs", {});
      const bobDone = await nextWithStatus(
        bobSocket,
        bobs.body.id,
        "completed",
      );
      expect(bobDone.downloadUrl).toBeDefined();
      socket.close();
      bobSocket.close();
    }, 120_000);

    it("another account cannot see, cancel or download a job; anonymous calls get 401", async () => {
      const job = (await calls.create(alice, SHORT)).body;
      const socket = await TestSocket.open(t.wsUrl, { token: alice });
      await socket.subscribe("jobs", {});
      const done = await nextWithStatus(socket, job.id, "completed");
      expect((await calls.get(bob, job.id)).status).toBe(404);
      expect((await calls.cancel(bob, job.id)).status).toBe(404);
      expect(
        (await calls.download(bob, done.downloadUrl as string)).status,
      ).toBe(404);
      expect((await calls.list(bob)).body.map((j) => j.id)).not.toContain(
        job.id,
      );
      expect(
        (await calls.get(alice, job.id, "?accountId=acc-bob-main")).status,
      ).toBe(404);
      expect((await calls.list("")).status).toBe(401);
      expect((await calls.get("", job.id)).status).toBe(401);
      expect(
        (await calls.download("", done.downloadUrl as string)).status,
      ).toBe(401);
      // Bob's socket hears nothing of Alice's jobs.
      const bobSocket = await TestSocket.open(t.wsUrl, { token: bob });
      await bobSocket.subscribe("jobs", {});
      await bobSocket.ping();
      expect(
        bobSocket.frames.filter(
          (f) =>
            f.type === "jobs.update" &&
            (f.payload.payload as HistoryJob).id === job.id,
        ),
      ).toEqual([]);
      // An anonymous socket cannot subscribe.
      const anonymous = await TestSocket.open(t.wsUrl);
      const refused = await anonymous.subscribe("jobs", {});
      expect(refused.payload.status).toBe("error");
      socket.close();
      bobSocket.close();
      anonymous.close();
    }, 120_000);

    it("a job of the user's other account carries that account in its download URL", async () => {
      const query = "?accountId=acc-alice-swing";
      const job = (await calls.create(alice, SHORT, query)).body;
      let now = job;
      while (now.status !== "completed") {
        await new Promise((r) => setTimeout(r, 50));
        now = (await calls.get(alice, job.id, query)).body;
      }
      expect(now.downloadUrl).toBe(
        `/api/v1/history/jobs/${job.id}/file${query}`,
      );
      expect(
        (await calls.download(alice, now.downloadUrl as string)).status,
      ).toBe(200);
      expect((await calls.get(alice, job.id)).status).toBe(404);
    }, 60_000);
  },
);
