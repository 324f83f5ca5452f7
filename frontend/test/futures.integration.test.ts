// @vitest-environment node
import { createRestClient } from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { ChartFeed } from "../src/components/chart/chartFeed";
import { intradayBarMs } from "../src/components/chart/useChartRolls";
import type { Bar } from "../src/model/bar";
import type { Adjustment } from "../src/model/historyJob";
import { rollBarTimes, rollLabel } from "../src/model/roll";
import { DatafeedService } from "../src/services/datafeed/DatafeedService";
import { SymbolDirectory } from "../src/services/datafeed/symbolDirectory";
import { restMarketApi } from "../src/transport/rest/restMarketApi";
import { createWsAdapter, type WsAdapter } from "../src/transport/ws/wsAdapter";
import { WsClientBase } from "../src/transport/ws/wsClientBase";
import { MarketClock, startBackend, type RealBackend } from "./support/backend";

/**
 * ESZ6 → ESH7: the simulated volume crosses over on Thursday 10 December 2026, so the volume
 * policy rolls at the start of Friday the 11th's trading day, Thursday 23:00 UTC. The clock is
 * Friday 15:00 UTC: the one stored day holds the roll.
 */
const ROLL = Date.UTC(2026, 11, 10, 23);
const NOW = Date.UTC(2026, 11, 11, 15);

describe("continuous futures on the chart against the real backend (in-process, PGlite)", () => {
  const clock = new MarketClock(NOW);
  let backend: RealBackend;
  let adapter: WsAdapter;
  let datafeed: DatafeedService;

  beforeAll(async () => {
    backend = await startBackend(clock);
    adapter = createWsAdapter(
      WsClientBase.acquire({ url: backend.wsUrl, WebSocket }),
    );
    const market = restMarketApi(
      createRestClient({ baseUrl: backend.httpUrl }),
    );
    datafeed = new DatafeedService(
      market,
      new SymbolDirectory(market),
      adapter,
    );
  });
  afterAll(async () => {
    datafeed.dispose();
    await adapter.dispose();
    await backend.close();
  });

  const chart = async (adjustment: Adjustment): Promise<readonly Bar[]> => {
    const feed = new ChartFeed(datafeed, { pageSize: 300, now: clock.now });
    await feed.load("ES1!", "60", adjustment);
    feed.stop();
    return feed.series;
  };

  it("reads the rolls, marks the roll on its hourly bar and back-adjusts the bars before it", async () => {
    const schedule = await datafeed.rolls("ES1!");
    expect(schedule.symbol).toBe("ES1!");
    expect(schedule.contract).toBe("ESH7");
    const roll = schedule.rolls.find((r) => r.time === ROLL);
    expect(roll).toMatchObject({
      from: "ESZ6",
      to: "ESH7",
      tradingDay: Date.UTC(2026, 11, 11),
    });
    if (!roll) return;
    expect(rollLabel(roll, 2)).toBe(
      `ESZ6 → ESH7, ${roll.difference >= 0 ? "+" : "−"}${Math.abs(roll.difference).toFixed(2)}`,
    );

    const plain = await chart("none");
    const difference = await chart("difference");
    const ratio = await chart("ratio");
    expect(difference.map((b) => b.time)).toEqual(plain.map((b) => b.time));
    const marks = rollBarTimes(
      [roll],
      plain.map((b) => b.time),
      intradayBarMs("60"),
    );
    expect(marks).toEqual([{ roll, time: ROLL }]);
    const before = plain.filter((b) => b.time < ROLL);
    const after = plain.filter((b) => b.time >= ROLL);
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    plain.forEach((bar, i) => {
      const diff = difference[i]!;
      const rat = ratio[i]!;
      if (bar.time < ROLL) {
        // The only roll in the stored day: its own difference and ratio are the cumulative ones.
        expect(diff.close).toBeCloseTo(bar.close + roll.difference, 6);
        expect(rat.close).toBeCloseTo(bar.close * roll.ratio, 6);
      } else {
        expect(diff.close).toBe(bar.close);
        expect(rat.close).toBe(bar.close);
      }
    });
  });

  it("a symbol that is not a continuous series has no rolls: the server says so naming symbol", async () => {
    await expect(datafeed.rolls("AAPL")).rejects.toMatchObject({
      status: 400,
      code: "INVALID_PARAMS",
      field: "symbol",
    });
  });
});
