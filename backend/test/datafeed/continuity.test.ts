import { DAY_MS, MINUTE_MS } from "@tradewire/client";
import type { Bar } from "@tradewire/client";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import {
  buildCatalog,
  findSymbol,
  generateBars,
} from "../../src/modules/datafeed/market";
import { testDatabases } from "../support/databases";
import {
  ManualClock,
  startDatafeedApp,
  WEDNESDAY_10AM_NY,
} from "../support/datafeed-app";
import { TestSocket } from "../support/test-socket";

describe.each(testDatabases())("restart continuity on $name", (engine) => {
  afterAll(() => engine.dispose());

  it("continues the stored series after a restart with no gap and no duplicate, exactly as the simulator would", async () => {
    const clock = new ManualClock(WEDNESDAY_10AM_NY + 5_000);
    const env = { BACKFILL_DAYS: "1" };
    const first = await startDatafeedApp({
      clock,
      database: await engine.open(),
      env,
    });
    const s = await TestSocket.open(first.wsUrl);
    await s.subscribe("bars", { symbol: "BTCUSD", resolution: "1" });
    for (let i = 0; i < 300; i++) {
      clock.advance(1000);
      await first.service.feed.tick();
    }
    s.close();
    await first.close();

    // Down for 17 minutes; the next start catches up what it missed.
    clock.advance(17 * MINUTE_MS);
    const second = await startDatafeedApp({
      clock,
      database: await engine.open(),
      env,
    });
    const historyStart =
      Math.floor((WEDNESDAY_10AM_NY + 5_000 - DAY_MS) / DAY_MS) * DAY_MS;
    const until = Math.floor(clock.time / MINUTE_MS) * MINUTE_MS;
    const res = await second.get(
      `/api/v1/datafeed/history?symbol=BTCUSD&resolution=1&from=${historyStart / 1000}&to=${until / 1000}`,
    );
    const stored = (res.body as { t: number[]; c: number[] }).t.map((t, i) => ({
      time: t * 1000,
      close: (res.body as { c: number[] }).c[i],
    }));

    const entry = findSymbol(buildCatalog(WEDNESDAY_10AM_NY), "BTCUSD");
    if (!entry) throw new Error("BTCUSD missing from the catalog");
    const expected = generateBars(
      entry,
      loadConfig({}).market.seed,
      historyStart,
      until,
      entry.sim.initialPrice,
    );
    expect(stored.length).toBe(expected.length);
    expect(new Set(stored.map((b) => b.time)).size).toBe(stored.length);
    expect(stored).toEqual(
      expected.map((b: Bar) => ({ time: b.time, close: b.close })),
    );
    expect(stored.at(-1)?.time).toBe(until - MINUTE_MS);
    await second.close();
  });
});
