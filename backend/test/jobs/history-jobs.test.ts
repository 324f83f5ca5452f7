import type { HistoryJob } from "@tradewire/client";
import { statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../support/databases";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { jobCalls, jobInput, updatesUntilEnd } from "../support/job-calls";
import { TestSocket } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const NOW_S = WEDNESDAY_10AM_NY / 1000;
const DAY_S = 86_400;

describe.each(testDatabases())("history jobs on $name", (engine) => {
  let t: TradingApp;
  let token = "";
  const dataDir = `/tmp/tw-jobs-${process.pid}-${engine.name}-${Date.now()}`;
  const calls = jobCalls(() => t);

  beforeAll(async () => {
    t = await startTradingApp({
      clock: new ManualClock(WEDNESDAY_10AM_NY),
      database: await engine.open(),
      env: {
        BACKFILL_DAYS: "4",
        HISTORY_CACHE_MINUTES: "0",
        DATA_DIR: dataDir,
      },
    });
    token = await t.login("alice");
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await engine.dispose();
  });

  it("runs queued -> running -> completed with monotonic progress on the channel, and its file holds what /bars serves", async () => {
    const socket = await TestSocket.open(t.wsUrl, { token });
    expect((await socket.subscribe("jobs", {})).payload.status).toBe("ok");
    const symbols = ["BTCUSD", "EURUSD", "AAPL", "ETHUSD", "USDJPY"];
    const from = NOW_S - 4 * DAY_S;
    const created = await calls.create(
      token,
      jobInput({ symbols, resolution: "1", from, to: NOW_S }),
    );
    expect(created.status).toBe(202);
    expect(["queued", "running"]).toContain(created.body.status);
    const updates = await updatesUntilEnd(socket, created.body.id);
    const statuses = updates.map((u) => u.status);
    expect(statuses[0]).toBe("queued");
    expect(statuses).toContain("running");
    expect(statuses.at(-1)).toBe("completed");
    // Status only moves forward; progress never goes back.
    const order = ["queued", "running", "completed"];
    for (let i = 1; i < updates.length; i++) {
      const [a, b] = [updates[i - 1], updates[i]] as [HistoryJob, HistoryJob];
      expect(order.indexOf(b.status)).toBeGreaterThanOrEqual(
        order.indexOf(a.status),
      );
      expect(b.barsDone).toBeGreaterThanOrEqual(a.barsDone);
      expect(b.barsTotal).toBeGreaterThanOrEqual(b.barsDone);
    }
    const done = updates.at(-1) as HistoryJob;
    expect(done.barsTotal).toBe(done.barsDone);
    expect(done.rate).toBe(0);
    expect(done.downloadUrl).toBe(`/api/v1/history/jobs/${done.id}/file`);
    expect(done.bytes).toBeGreaterThan(0);

    const file = await calls.downloadBars(token, done);
    expect(file.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(file.headers.get("content-length")).toBe(String(done.bytes));
    expect(file.headers.get("content-disposition")).toBe(
      `attachment; filename="tradewire-BTCUSD-EURUSD-AAPL-and-2-more-1-20261121-20261125.csv"`,
    );
    expect(file.facts.slice(0, 4)).toEqual([
      ["symbol", symbols.join(",")],
      ["resolution", "1"],
      ["timezone", "UTC"],
      ["adjustment", "none"],
    ]);
    const written = file.bars;
    let total = 0;
    for (const symbol of symbols) {
      const expected = await calls.barsInDays(symbol, "1", from, NOW_S);
      expect(expected.length).toBeGreaterThan(500);
      expect(written.get(symbol), symbol).toEqual(expected);
      total += expected.length;
    }
    expect(done.barsDone).toBe(total);
    // The estimate was a real one: within a tenth of the count.
    const running = updates.find((u) => u.status === "running") as HistoryJob;
    expect(Math.abs(running.barsTotal - total) / total).toBeLessThan(0.1);

    // Owner-only on disk, like the rest of the data folder.
    const exports = join(dataDir, "exports");
    expect(statSync(exports).mode & 0o777).toBe(0o700);
    expect(statSync(join(exports, `${done.id}.csv`)).mode & 0o777).toBe(0o600);

    // A new subscriber's snapshot has the ended job as it ended.
    const late = await TestSocket.open(t.wsUrl, { token });
    await late.subscribe("jobs", {});
    const snap = await late.next(
      (f) =>
        f.type === "jobs.update" &&
        (f.payload.payload as HistoryJob).id === done.id,
    );
    expect(snap.payload.payload).toEqual(done);
    expect((await calls.get(token, done.id)).body).toEqual(done);
    socket.close();
    late.close();
  }, 120_000);

  it("writes daily and weekly bars whole across the evening session seams, as /bars does, in CSV and Parquet", async () => {
    for (const [resolution, format] of [
      ["1D", "csv"],
      ["60", "parquet"],
      ["1W", "parquet"],
      ["1D", "parquet"],
    ] as const) {
      const symbols = ["EURUSD", "BTCUSD", "MSFT"];
      const from = NOW_S - 4 * DAY_S;
      const created = await calls.create(
        token,
        jobInput({ symbols, resolution, from, to: NOW_S, format }),
      );
      expect(created.status).toBe(202);
      let job = created.body;
      while (!["completed", "failed"].includes(job.status)) {
        await new Promise((r) => setTimeout(r, 50));
        job = (await calls.get(token, job.id)).body;
      }
      expect(job.status).toBe("completed");
      const file = await calls.downloadBars(token, job);
      expect(file.headers.get("content-type")).toBe(
        format === "csv"
          ? "text/csv; charset=utf-8"
          : "application/vnd.apache.parquet",
      );
      const written = file.bars;
      for (const symbol of symbols) {
        const res = await t.request<{ bars: unknown[] }>(
          "GET",
          `/api/v1/datafeed/bars?symbol=${symbol}&resolution=${resolution}&from=${from}&to=${NOW_S}`,
        );
        expect(
          written.get(symbol) ?? [],
          `${symbol} ${resolution} ${format}`,
        ).toEqual(res.body.bars);
      }
    }
  }, 120_000);

  it("passes adjustment, roll and fill through: a continuous futures job holds what /bars serves with the same parameters", async () => {
    const from = NOW_S - 4 * DAY_S;
    const params = {
      adjustment: "difference",
      roll: "calendar",
      fill: true,
    } as const;
    const created = await calls.create(
      token,
      jobInput({
        symbols: ["ES1!", "NQ2!"],
        resolution: "60",
        from,
        to: NOW_S,
        format: "parquet",
        ...params,
      }),
    );
    expect(created.status).toBe(202);
    let job = created.body;
    while (!["completed", "failed"].includes(job.status)) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await calls.get(token, job.id)).body;
    }
    expect(job.status).toBe("completed");
    const file = await calls.downloadBars(token, job);
    expect(file.facts).toContainEqual(["adjustment", "difference"]);
    for (const symbol of ["ES1!", "NQ2!"]) {
      const res = await t.request<{ bars: unknown[] }>(
        "GET",
        `/api/v1/datafeed/bars?symbol=${encodeURIComponent(symbol)}&resolution=60&from=${from}&to=${NOW_S}&adjustment=difference&roll=calendar&fill=true`,
      );
      expect(res.status).toBe(200);
      expect(res.body.bars.length).toBeGreaterThan(20);
      expect(file.bars.get(symbol), symbol).toEqual(res.body.bars);
    }
  }, 120_000);
});
