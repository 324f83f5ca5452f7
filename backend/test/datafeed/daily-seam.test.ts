import { DAY_MS, HOUR_MS, type Bar } from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ManualClock,
  startDatafeedApp,
  type DatafeedApp,
} from "../support/datafeed-app";
import { testDatabases } from "../support/databases";

/**
 * The daily seam (issue 15): FX and CME futures sessions start the evening before their date, so
 * a daily bar holds minutes from before its own 00:00 UTC stamp. Paging back with `to` = the
 * oldest bar's time used to answer a bar stamped exactly `to`, built from that evening alone.
 * Friday 2026-10-02 15:00 UTC, with history from 2026-09-20: the seams below are weekdays, where
 * FX and futures trade in the evening (Wednesday 30 September 17:00 New York is 21:00 UTC).
 */
const NOW = Date.UTC(2026, 9, 2, 15, 0, 0);
const OCT_1 = Date.UTC(2026, 9, 1);
const MONDAY_SEP_28 = Date.UTC(2026, 8, 28);

interface Case {
  readonly resolution: string;
  /** A `to` at a period boundary with trading in the evening before it. */
  readonly seam: number;
}

const CASES: readonly Case[] = [
  { resolution: "1D", seam: OCT_1 },
  { resolution: "1W", seam: MONDAY_SEP_28 },
  { resolution: "1M", seam: OCT_1 },
];

describe.each(testDatabases())(
  "`to` is exclusive at every resolution and session shape (the daily seam) on $name",
  (engine) => {
    let t: DatafeedApp;
    let future = "";

    beforeAll(async () => {
      t = await startDatafeedApp({
        clock: new ManualClock(NOW),
        database: await engine.open(),
        env: { BACKFILL_DAYS: "12" },
      });
      const found = (
        await t.get("/api/v1/datafeed/search?query=ES&type=futures")
      ).body as { ticker: string }[];
      future = (found[0] as { ticker: string }).ticker;
    }, 120_000);
    afterAll(async () => {
      await t.close();
      await engine.dispose();
    });

    const bars = async (query: string): Promise<Bar[]> => {
      const res = await t.get(`/api/v1/datafeed/bars?${query}`);
      expect(res.status).toBe(200);
      return (res.body as { bars: Bar[] }).bars;
    };
    const history = async (query: string) => {
      const res = await t.get(`/api/v1/datafeed/history?${query}`);
      expect(res.status).toBe(200);
      return res.body as { s: string; t?: number[]; c?: number[] };
    };
    /** Every bar, complete: a range well past the seam. */
    const wide = (symbol: string, resolution: string) =>
      bars(
        `symbol=${symbol}&resolution=${resolution}&from=${(NOW - 40 * DAY_MS) / 1000}&to=${(NOW + 40 * DAY_MS) / 1000}`,
      );

    const symbols = () => ["EURUSD", future, "AAPL", "BTCUSD"];

    for (const { resolution, seam } of CASES) {
      it(`${resolution}: a countback ending at the seam has no bar stamped \`to\`, and its last bar is whole (FX, futures, stock, crypto)`, async () => {
        for (const symbol of symbols()) {
          const all = await wide(symbol, resolution);
          const before = all.filter((b) => b.time < seam);
          expect(before.length, symbol).toBeGreaterThan(0);
          const paged = await bars(
            `symbol=${symbol}&resolution=${resolution}&from=0&to=${seam / 1000}&countback=2`,
          );
          expect(paged, symbol).toEqual(before.slice(-2));
          const udf = await history(
            `symbol=${symbol}&resolution=${resolution}&from=0&to=${seam / 1000}&countback=2`,
          );
          expect(udf.t, symbol).toEqual(
            before.slice(-2).map((b) => b.time / 1000),
          );
        }
      });

      it(`${resolution}: a range ending at the seam has no bar stamped \`to\``, async () => {
        for (const symbol of symbols()) {
          const all = await wide(symbol, resolution);
          const ranged = await bars(
            `symbol=${symbol}&resolution=${resolution}&from=${(seam - 30 * DAY_MS) / 1000}&to=${seam / 1000}`,
          );
          expect(ranged, symbol).toEqual(
            all.filter((b) => b.time >= seam - 30 * DAY_MS && b.time < seam),
          );
        }
      });
    }

    it("the evening before the seam really trades for FX and futures (so the cases above bite), not for stocks", async () => {
      const evening = (symbol: string) =>
        bars(
          `symbol=${symbol}&resolution=60&from=${(OCT_1 - 3 * HOUR_MS) / 1000}&to=${OCT_1 / 1000}`,
        );
      expect((await evening("EURUSD")).length).toBeGreaterThan(0);
      expect((await evening(future)).length).toBeGreaterThan(0);
      expect(await evening("AAPL")).toEqual([]);
      const fxDay = (await wide("EURUSD", "1D")).find((b) => b.time === OCT_1);
      const fxMinutes = await bars(
        `symbol=EURUSD&resolution=1&from=${(OCT_1 - 3 * HOUR_MS) / 1000}&to=${(OCT_1 + DAY_MS) / 1000}`,
      );
      // The 1 October bar opens with the first minute of the evening of 30 September.
      expect(fxDay?.open).toBe(fxMinutes[0]?.open);
    });

    it("paging back from now with to = the oldest bar's time never repeats a bar", async () => {
      for (const symbol of symbols())
        for (const resolution of ["1D", "1W", "60", "45"]) {
          const pages: Bar[] = [];
          let to = NOW / 1000;
          for (let page = 0; page < 4; page++) {
            const got = await bars(
              `symbol=${symbol}&resolution=${resolution}&from=0&to=${to}&countback=3`,
            );
            if (got.length === 0) break;
            pages.unshift(...got);
            to = (got[0] as Bar).time / 1000;
          }
          const times = pages.map((b) => b.time);
          expect(new Set(times).size, `${symbol} ${resolution}`).toBe(
            times.length,
          );
          expect([...times].sort((a, b) => a - b)).toEqual(times);
          const once = await bars(
            `symbol=${symbol}&resolution=${resolution}&from=0&to=${NOW / 1000}&countback=${pages.length}`,
          );
          expect(pages, `${symbol} ${resolution}`).toEqual(once);
        }
    });

    it("a `to` inside a period still gives that period whole, read past `to`", async () => {
      const to = OCT_1 - 12 * HOUR_MS; // Wednesday 30 September 12:00 UTC
      for (const symbol of symbols()) {
        const all = await wide(symbol, "1D");
        const got = await bars(
          `symbol=${symbol}&resolution=1D&from=${(to - 5 * DAY_MS) / 1000}&to=${to / 1000}`,
        );
        expect(got.at(-1), symbol).toEqual(
          all.find((b) => b.time === OCT_1 - DAY_MS),
        );
      }
    });
  },
);
