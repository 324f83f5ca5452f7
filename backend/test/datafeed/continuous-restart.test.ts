import { afterAll, describe, expect, it } from "vitest";
import { testDatabases } from "../support/databases";
import { ManualClock, startDatafeedApp } from "../support/datafeed-app";

/** Friday 11 December 2026 03:00 UTC: the December ES roll (volume and calendar) is stored. */
const FIRST_START = Date.UTC(2026, 11, 11, 3);
const QUERIES = [
  "symbol=ES1!",
  "symbol=ES2!",
  "symbol=NQ1!&roll=calendar",
  "symbol=ES1!&roll=calendar&rollDays=7",
];

describe.each(testDatabases())(
  "continuous rolls across a restart on $name",
  (engine) => {
    afterAll(() => engine.dispose());

    it("serves the same stored rolls after a restart, later and with a longer history", async () => {
      const clock = new ManualClock(FIRST_START);
      const first = await startDatafeedApp({
        clock,
        database: await engine.open(),
        env: { BACKFILL_DAYS: "5" },
      });
      const rollsOf = async (app: typeof first) => {
        const out: unknown[] = [];
        for (const q of QUERIES) {
          const res = await app.get(`/api/v1/datafeed/rolls?${q}`);
          expect(res.status).toBe(200);
          out.push((res.body as { rolls: unknown[] }).rolls);
        }
        return out;
      };
      const before = await rollsOf(first);
      expect(before.map((r) => (r as unknown[]).length)).toEqual([1, 1, 1, 1]);
      await first.close();

      // A week later, past ESZ6's expiry (Friday 18 December 14:30 UTC), asked for more history:
      // the stored rolls are served as they were.
      clock.time = Date.UTC(2026, 11, 18, 16);
      const second = await startDatafeedApp({
        clock,
        database: await engine.open(),
        env: { BACKFILL_DAYS: "7" },
      });
      expect(await rollsOf(second)).toEqual(before);
      // ESZ6 expired inside the history: still listed, stored up to its last minute, none after.
      const info = await second.get("/api/v1/datafeed/symbols?symbol=ESZ6");
      expect(info.body).toMatchObject({
        ticker: "ESZ6",
        expiration_date: Date.UTC(2026, 11, 18, 14, 30) / 1000,
      });
      const last = await second.get(
        `/api/v1/datafeed/bars?symbol=ESZ6&resolution=1&from=0&to=${clock.time / 1000}&countback=1`,
      );
      expect((last.body as { bars: { time: number }[] }).bars[0]?.time).toBe(
        Date.UTC(2026, 11, 18, 14, 29),
      );
      // ES2! follows ESM7 since the roll, and ESU7 is now listed after it.
      const es2 = await second.get("/api/v1/datafeed/rolls?symbol=ES2!");
      expect((es2.body as { contract: string }).contract).toBe("ESM7");
      expect(
        (await second.get("/api/v1/datafeed/symbols?symbol=ESU7")).status,
      ).toBe(200);
      await second.close();
    }, 180_000);
  },
);
