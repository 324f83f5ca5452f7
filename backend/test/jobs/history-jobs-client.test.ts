import { TradewireClient, type HistoryJob } from "@tradewire/client";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { DENSE_SYMBOLS, jobCalls, jobInput } from "../support/job-calls";
import { until } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const NOW_S = WEDNESDAY_10AM_NY / 1000;
const DAY_S = 86_400;

describe("the TypeScript client's channel actions: client.act('jobs', 'cancel', {id})", () => {
  let t: TradingApp;
  let token = "";
  const dataDir = `/tmp/tw-jobs-client-${process.pid}-${Date.now()}`;
  const calls = jobCalls(() => t);

  beforeAll(async () => {
    t = await startTradingApp({
      clock: new ManualClock(WEDNESDAY_10AM_NY),
      env: {
        BACKFILL_DAYS: "10",
        HISTORY_CACHE_MINUTES: "0",
        DATA_DIR: dataDir,
      },
    });
    token = await t.login("alice");
  }, 180_000);
  afterAll(() => t.close());

  it("cancels a running job, hears it cancelled, and gets NOT_FOUND for a job that is not the account's", async () => {
    const client = new TradewireClient({ url: t.wsUrl, WebSocket, token });
    const seen = new Map<string, HistoryJob>();
    client.subscribe("jobs", {}, (job) => seen.set(job.id, job));
    client.connect();
    await until(() => client.state.status === "open", 10_000, "open");
    const job = (
      await calls.create(
        token,
        jobInput({
          symbols: DENSE_SYMBOLS,
          from: NOW_S - 10 * DAY_S,
          to: NOW_S,
        }),
      )
    ).body;
    await until(
      () => seen.get(job.id)?.status === "running",
      30_000,
      "running",
    );
    expect(await client.act("jobs", "cancel", { id: job.id })).toEqual({
      status: "ok",
    });
    await until(
      () => seen.get(job.id)?.status === "cancelled",
      30_000,
      "cancelled",
    );
    expect(readdirSync(join(dataDir, "exports"))).toEqual([]);
    expect(await client.act("jobs", "cancel", { id: "job-of-nobody" })).toEqual(
      {
        status: "error",
        code: "NOT_FOUND",
        message: "no history job job-of-nobody",
      },
    );
    await client.close();
    expect(await client.act("jobs", "cancel", { id: job.id })).toEqual({
      status: "error",
      message: "not connected",
    });
  }, 120_000);
});
