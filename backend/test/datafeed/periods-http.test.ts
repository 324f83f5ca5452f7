import { DAY_S, HOUR_S, type Bar } from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ManualClock,
  startDatafeedApp,
  WEDNESDAY_10AM_NY,
  type DatafeedApp,
} from "../support/datafeed-app";
import { TestSocket } from "../support/test-socket";

const NOW_S = WEDNESDAY_10AM_NY / 1000;
/** Friday 2026-11-20 17:00 New York (22:00 UTC), when FX closes for the weekend. */
const FX_CLOSE_S = Date.UTC(2026, 10, 20, 22) / 1000;
/** Sunday 2026-11-22 17:00 New York, when it opens again. */
const FX_OPEN_S = Date.UTC(2026, 10, 22, 22) / 1000;

type FilledBar = Bar & { vwap: number; filled?: true };

describe("custom periods, VWAP and gap filling over HTTP and the bars channel", () => {
  let t: DatafeedApp;
  beforeAll(async () => {
    t = await startDatafeedApp({
      clock: new ManualClock(WEDNESDAY_10AM_NY + 20_000),
      env: { BACKFILL_DAYS: "8" },
    });
  }, 120_000);
  afterAll(() => t.close());

  const bars = async (query: string): Promise<FilledBar[]> => {
    const res = await t.get(`/api/v1/datafeed/bars?${query}`);
    expect(res.status).toBe(200);
    return (res.body as { bars: FilledBar[] }).bars;
  };

  it("serves 7, 45, 90, 2D, 3W and 3M, with a session VWAP on every bar", async () => {
    for (const resolution of ["7", "45", "90", "2D", "3W", "3M"]) {
      // A bar is in when it starts at or after `from`: 3W and 3M bars started weeks ago.
      const from = /[DWM]$/.test(resolution) ? 0 : NOW_S - 7 * DAY_S;
      const got = await bars(
        `symbol=AAPL&resolution=${resolution}&from=${from}&to=${NOW_S}`,
      );
      expect(got.length, resolution).toBeGreaterThan(0);
      for (const bar of got) {
        expect(bar.vwap).toBeGreaterThan(0);
        expect(bar.filled).toBeUndefined();
      }
    }
    // 45-minute AAPL bars start at 09:30 New York (14:30 UTC), 10:15, ...: session-anchored.
    const today = await bars(
      `symbol=AAPL&resolution=45&from=${NOW_S - 2 * HOUR_S}&to=${NOW_S}`,
    );
    expect(today.map((b) => b.time)).toEqual([Date.UTC(2026, 10, 25, 14, 30)]);
  });

  it("fills FX 1-minute gaps only inside the session: nothing from Friday 17:00 to Sunday 17:00 New York", async () => {
    const q = `symbol=EURUSD&resolution=1&from=${FX_CLOSE_S - 2 * HOUR_S}&to=${FX_OPEN_S + 2 * HOUR_S}`;
    const filled = await bars(`${q}&fill=true`);
    const plain = await bars(q);
    expect(filled.filter((b) => !b.filled)).toEqual(plain);
    const times = filled.map((b) => b.time / 1000);
    expect(times.filter((s) => s >= FX_CLOSE_S && s < FX_OPEN_S)).toEqual([]);
    // Inside the session every minute has a bar: an even time axis.
    const friday = times.filter((s) => s < FX_CLOSE_S);
    const sunday = times.filter((s) => s >= FX_OPEN_S);
    expect(friday.length).toBe(2 * 60);
    expect(sunday.length).toBe(2 * 60);
    for (const bar of filled.filter((b) => b.filled)) {
      expect(bar.volume).toBe(0);
      expect([bar.high, bar.low, bar.close]).toEqual([
        bar.open,
        bar.open,
        bar.open,
      ]);
    }
  });

  it("fills stock 1D bars on weekdays only, and 60-minute bars only between 09:30 and 16:00", async () => {
    const days = await bars(
      `symbol=AAPL&resolution=1D&from=${NOW_S - 8 * DAY_S}&to=${NOW_S}&fill=true`,
    );
    for (const bar of days)
      expect([0, 6]).not.toContain(new Date(bar.time).getUTCDay());
    const hours = await bars(
      `symbol=AAPL&resolution=60&from=${NOW_S - 3 * DAY_S}&to=${NOW_S}&fill=true`,
    );
    for (const bar of hours) {
      const ny = new Date(bar.time - 5 * 3600_000);
      const minute = ny.getUTCHours() * 60 + ny.getUTCMinutes();
      expect(minute).toBeGreaterThanOrEqual(9 * 60 + 30);
      expect(minute).toBeLessThan(16 * 60);
    }
  });

  it("/history takes fill too, UDF-shaped: the same times as /bars, filled bars with v 0", async () => {
    const q = `symbol=EURUSD&resolution=1&from=${FX_CLOSE_S - HOUR_S}&to=${FX_CLOSE_S}&fill=true`;
    const udf = (await t.get(`/api/v1/datafeed/history?${q}`)).body as {
      t: number[];
      v: number[];
    };
    const objects = await bars(q);
    expect(udf.t).toEqual(objects.map((b) => b.time / 1000));
    expect(udf.v).toEqual(objects.map((b) => b.volume));
    expect(Object.keys(udf).sort()).toEqual([
      "c",
      "h",
      "l",
      "o",
      "s",
      "t",
      "v",
    ]);
  });

  it("answers 99999 minutes and 99M over the whole history, and still refuses more than 20,000 bars", async () => {
    const longest = await bars(
      `symbol=BTCUSD&resolution=99999&from=${NOW_S - 3650 * DAY_S}&to=${NOW_S}`,
    );
    // A period longer than the session is one bar per session (a UTC day for crypto)...
    expect(longest.length).toBe(9);
    // ...so 56 years of them are more than 20,000 bars, even if 99999 minutes fit 300 times.
    const daily = await t.get(
      `/api/v1/datafeed/bars?symbol=BTCUSD&resolution=99999&from=0&to=${NOW_S}`,
    );
    expect(daily.status).toBe(400);
    expect(daily.body).toMatchObject({ code: "INVALID_RANGE", field: "from" });
    const months = await bars(
      `symbol=BTCUSD&resolution=99M&from=0&to=${NOW_S}`,
    );
    // 99-month buckets count from January of year 0: the one holding November 2026 began in
    // April 2021.
    expect(months.map((b) => b.time)).toEqual([Date.UTC(2021, 3, 1)]);
    const counted = await bars(
      `symbol=BTCUSD&resolution=99M&from=0&to=${NOW_S}&countback=3`,
    );
    expect(counted).toEqual(months);
    const tooMany = await t.get(
      `/api/v1/datafeed/bars?symbol=BTCUSD&resolution=1&from=${NOW_S - 14 * DAY_S}&to=${NOW_S}`,
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({
      code: "INVALID_RANGE",
      field: "from",
    });
  });

  it("streams a 45-minute bar on the bars channel, anchored at the open, with the VWAP /bars gives", async () => {
    const s = await TestSocket.open(t.wsUrl);
    try {
      const ok = await s.subscribe("bars", {
        symbol: "AAPL",
        resolution: "45",
      });
      expect(ok.payload).toMatchObject({ status: "ok" });
      const bar = (await s.nextOfType("bars.update")).payload
        .payload as FilledBar;
      expect(bar.time).toBe(Date.UTC(2026, 10, 25, 14, 30));
      expect(bar.vwap).toBeGreaterThan(bar.low);
      expect(bar.vwap).toBeLessThan(bar.high);
      // /bars has the closed minutes only; the channel adds the minute in progress.
      const [rest] = await bars(
        `symbol=AAPL&resolution=45&from=${bar.time / 1000}&to=${NOW_S + HOUR_S}`,
      );
      expect(rest?.time).toBe(bar.time);
      expect(rest?.open).toBe(bar.open);
      expect(bar.volume).toBeGreaterThanOrEqual(rest?.volume ?? 0);
    } finally {
      s.close();
    }
  });
});
