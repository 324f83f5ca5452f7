import type { HistoryJob } from "@tradewire/client";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { takeViolations } from "../support/conformance";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { JOBS, jobCalls, jobInput } from "../support/job-calls";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const NOW_S = WEDNESDAY_10AM_NY / 1000;
const DAY_S = 86_400;
const good = jobInput({
  symbols: ["AAPL"],
  resolution: "5",
  from: NOW_S - DAY_S,
  to: NOW_S,
});
const ELEVEN = [
  "AAPL",
  "MSFT",
  "NVDA",
  "AMZN",
  "TSLA",
  "GOOGL",
  "META",
  "NFLX",
  "JPM",
  "XOM",
  "EURUSD",
];

describe("hostile history job input: a clear refusal, nothing created", () => {
  let t: TradingApp;
  let alice = "";
  const dataDir = `/tmp/tw-jobs-hostile-${process.pid}-${Date.now()}`;
  const calls = jobCalls(() => t);

  beforeAll(async () => {
    t = await startTradingApp({
      clock: new ManualClock(WEDNESDAY_10AM_NY),
      env: { DATA_DIR: dataDir, HISTORY_JOBS_PER_ACCOUNT: "20" },
    });
    alice = await t.login("alice");
  });
  afterEach(() => expect(takeViolations()).toEqual([]));
  afterAll(() => t.close());

  it.each<[string, unknown, number, string, string | undefined]>([
    ["no symbols", { ...good, symbols: [] }, 400, "INVALID_PARAMS", "symbols"],
    [
      "eleven symbols",
      { ...good, symbols: ELEVEN },
      400,
      "INVALID_PARAMS",
      "symbols",
    ],
    [
      "a symbol twice",
      { ...good, symbols: ["AAPL", "AAPL"] },
      400,
      "INVALID_PARAMS",
      "symbols",
    ],
    [
      "a symbol twice, differently cased",
      { ...good, symbols: ["AAPL", "aapl"] },
      400,
      "INVALID_PARAMS",
      "symbols",
    ],
    [
      "a NUL in a symbol",
      { ...good, symbols: ["AA\u0000PL"] },
      400,
      "INVALID_PARAMS",
      "symbols.0",
    ],
    [
      "an unknown symbol",
      { ...good, symbols: ["AAPL", "NOPE"] },
      404,
      "UNKNOWN_SYMBOL",
      "symbols",
    ],
    [
      "an unknown resolution",
      { ...good, resolution: "7S" },
      400,
      "INVALID_PARAMS",
      "resolution",
    ],
    [
      "an unsupported resolution",
      { ...good, resolution: "0D" },
      400,
      "UNKNOWN_RESOLUTION",
      "resolution",
    ],
    [
      "from after to",
      { ...good, from: NOW_S, to: NOW_S - DAY_S },
      400,
      "INVALID_RANGE",
      "from",
    ],
    [
      "an empty range",
      { ...good, from: NOW_S, to: NOW_S },
      400,
      "INVALID_RANGE",
      "from",
    ],
    [
      "a range entirely in the future",
      { ...good, from: NOW_S + DAY_S, to: NOW_S + 2 * DAY_S },
      400,
      "INVALID_RANGE",
      "from",
    ],
    ["a negative from", { ...good, from: -1 }, 400, "INVALID_PARAMS", "from"],
    [
      "a fractional to",
      { ...good, to: NOW_S + 0.5 },
      400,
      "INVALID_PARAMS",
      "to",
    ],
    [
      "a string from",
      { ...good, from: String(NOW_S - DAY_S) },
      400,
      "INVALID_PARAMS",
      "from",
    ],
    [
      "an unknown format",
      { ...good, format: "xlsx" },
      400,
      "INVALID_PARAMS",
      "format",
    ],
    [
      "no format",
      { ...good, format: undefined },
      400,
      "INVALID_PARAMS",
      "format",
    ],
    [
      "an unknown field",
      { ...good, path: "/etc/passwd" },
      400,
      "INVALID_PARAMS",
      "path",
    ],
    [
      "an adjustment on a stock",
      { ...good, adjustment: "ratio" },
      400,
      "INVALID_PARAMS",
      "adjustment",
    ],
    ["an array body", [good], 400, "INVALID_PARAMS", undefined],
  ])("%s", async (_name, body, status, code, field) => {
    const before = (await calls.list(alice)).body.length;
    const res = await calls.create(alice, body);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    if (field) expect(res.body.field).toBe(field);
    expect((await calls.list(alice)).body).toHaveLength(before);
  });

  it("refuses a body that is not JSON, and a huge one", async () => {
    const post = (type: string, text: string) =>
      fetch(`${t.httpUrl}${JOBS}`, {
        method: "POST",
        headers: { authorization: `Bearer ${alice}`, "content-type": type },
        body: text,
      });
    expect((await post("application/json", "{")).status).toBe(400);
    expect((await post("application/xml", "<job/>")).status).toBe(415);
    expect(
      (
        await post(
          "application/json",
          JSON.stringify({ ...good, x: "y".repeat(1_100_000) }),
        )
      ).status,
    ).toBe(413);
    expect((await calls.list(alice)).body).toHaveLength(0);
  });

  it("accepts a range from 1970 to far in the future, walking only what is stored", async () => {
    const res = await calls.create(alice, {
      ...good,
      from: 0,
      to: 4_000_000_000 * 1000,
    });
    expect(res.status).toBe(202);
    let job: HistoryJob = res.body;
    while (job.status !== "completed" && job.status !== "failed") {
      await new Promise((r) => setTimeout(r, 20));
      job = (await calls.get(alice, job.id)).body;
    }
    expect(job.status).toBe("completed");
    const bars = await calls.barsInDays(
      "AAPL",
      "5",
      NOW_S - 3 * DAY_S,
      NOW_S + DAY_S,
    );
    expect(job.barsDone).toBe(bars.length);
    expect(job.barsDone).toBeGreaterThan(0);
    expect(readdirSync(join(dataDir, "exports"))).toEqual([`${job.id}.csv`]);
  });

  it("answers unknown and malformed job ids with 404 or 400", async () => {
    expect((await calls.get(alice, "job-nope")).status).toBe(404);
    expect((await calls.cancel(alice, "job-nope")).status).toBe(404);
    expect((await calls.download(alice, `${JOBS}/job-nope/file`)).status).toBe(
      404,
    );
    expect((await calls.get(alice, "x".repeat(65))).status).toBe(400);
    expect((await calls.get(alice, "%00")).status).toBe(400);
  });
});
