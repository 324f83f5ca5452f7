import type { HistoryJob } from "@tradewire/client";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabases } from "../support/databases";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import {
  DENSE_SYMBOLS,
  jobCalls,
  jobInput,
  nextWithStatus,
} from "../support/job-calls";
import { TestSocket, until } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const NOW_S = WEDNESDAY_10AM_NY / 1000;
const DAY_S = 86_400;

describe.each(testDatabases())(
  "history jobs across a restart on $name",
  (engine) => {
    afterAll(() => engine.dispose());

    it("a job running when the server stops is failed with its reason and its file removed; a finished file survives; a crash's leftovers are failed at the next start", async () => {
      const clock = new ManualClock(WEDNESDAY_10AM_NY);
      const dataDir = `/tmp/tw-jobs-restart-${process.pid}-${engine.name}-${Date.now()}`;
      const env = {
        BACKFILL_DAYS: "6",
        HISTORY_CACHE_MINUTES: "0",
        DATA_DIR: dataDir,
      };
      let t: TradingApp = await startTradingApp({
        clock,
        database: await engine.open(),
        env,
      });
      const calls = jobCalls(() => t);
      let token = await t.login("alice");
      const socket = await TestSocket.open(t.wsUrl, { token });
      await socket.subscribe("jobs", {});

      const small = (
        await calls.create(
          token,
          jobInput({
            symbols: ["MSFT"],
            resolution: "15",
            from: NOW_S - 2 * DAY_S,
            to: NOW_S,
          }),
        )
      ).body;
      const finished = await nextWithStatus(socket, small.id, "completed");
      const long = (
        await calls.create(
          token,
          jobInput({
            symbols: DENSE_SYMBOLS.slice(0, 9),
            resolution: "1",
            from: NOW_S - 6 * DAY_S,
            to: NOW_S,
          }),
        )
      ).body;
      await nextWithStatus(socket, long.id, "running");
      const longFile = join(dataDir, "exports", `${long.id}.csv.partial`);
      await until(() => existsSync(longFile), 10_000, "the partial file");
      await t.close();
      expect(existsSync(longFile)).toBe(false);

      // What a crash would leave: a job still marked running, with a partial file.
      const crashed = "job-crashed-while-running";
      const db = await engine.open();
      await db.db
        .insertInto("history_jobs")
        .values({
          id: crashed,
          account_id: "acc-alice-main",
          instance_id: "gone",
          request: JSON.stringify(
            jobInput({ symbols: ["AAPL"], from: NOW_S - DAY_S, to: NOW_S }),
          ),
          status: "running",
          bars_done: 120,
          bars_total: 390,
          created_at: WEDNESDAY_10AM_NY,
          started_at: WEDNESDAY_10AM_NY,
          finished_at: null,
          file_path: join(dataDir, "exports", `${crashed}.csv`),
          bytes: null,
          error_code: null,
          error_message: null,
          heartbeat_at: WEDNESDAY_10AM_NY,
        })
        .execute();
      await db.close();
      mkdirSync(join(dataDir, "exports"), { recursive: true });
      writeFileSync(
        join(dataDir, "exports", `${crashed}.csv.partial`),
        "partial\n",
      );

      t = await startTradingApp({ clock, database: await engine.open(), env });
      token = await t.login("alice");
      const stopped = (await calls.get(token, long.id)).body;
      expect(stopped.status).toBe("failed");
      expect(stopped.error).toEqual({
        code: "SERVICE_UNAVAILABLE",
        message: "the server stopped while the job ran; start it again",
      });
      expect(stopped.downloadUrl).toBeUndefined();
      const restarted = (await calls.get(token, crashed)).body;
      expect(restarted.status).toBe("failed");
      expect(restarted.error).toEqual({
        code: "SERVICE_UNAVAILABLE",
        message: "the server restarted while the job ran; start it again",
      });
      expect(restarted.barsDone).toBe(120);
      // Only the finished job's file is left: the crash's partial file went with it.
      expect(readdirSync(join(dataDir, "exports"))).toEqual([
        `${finished.id}.csv`,
      ]);
      // The finished job is still there and still downloads, byte for byte the same size.
      const kept = (await calls.get(token, finished.id)).body;
      expect(kept).toEqual(finished);
      const file = await calls.download(token, kept.downloadUrl as string);
      expect(file.status).toBe(200);
      expect(Number(file.headers.get("content-length"))).toBe(finished.bytes);
      // The snapshot tells a new subscriber the same.
      const s = await TestSocket.open(t.wsUrl, { token });
      await s.subscribe("jobs", {});
      const failed = await nextWithStatus(s, crashed, "failed");
      expect(failed.error?.message).toMatch(/restarted/);
      const statuses = new Map<string, HistoryJob["status"]>();
      for (const j of (await calls.list(token)).body)
        statuses.set(j.id, j.status);
      expect(statuses.get(long.id)).toBe("failed");
      s.close();
      await t.close();
    }, 240_000);
  },
);
