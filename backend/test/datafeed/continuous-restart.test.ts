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

      // Two days later, asked for two more days of history: the stored rolls are served as they were.
      clock.advance(2 * 86_400_000);
      const second = await startDatafeedApp({
        clock,
        database: await engine.open(),
        env: { BACKFILL_DAYS: "7" },
      });
      expect(await rollsOf(second)).toEqual(before);
      await second.close();
    }, 180_000);
  },
);
