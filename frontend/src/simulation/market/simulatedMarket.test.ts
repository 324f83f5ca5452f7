import { describe, expect, it } from "vitest";
import type { Bar_Ws_Backend } from "../../clients/ws-types-generated";
import { SimulatedMarket } from "./simulatedMarket";

/** A clock standing still at `now`: history and the snapshot bar are pure functions of it. */
function marketAt(now: number): SimulatedMarket {
  return new SimulatedMarket({
    clock: {
      now: () => now,
      setTimeout: () => 0,
      clearTimeout: () => undefined,
    },
    listedDays: 3,
  });
}

const seconds = (ms: number) => ms / 1000;

describe("SimulatedMarket periods, aligned as the server aligns them", () => {
  it("builds AAPL 45 from 09:30 New York: 09:30, 10:15, 11:00", () => {
    // Wednesday 2026-11-25 11:20 New York (16:20 UTC).
    const now = Date.UTC(2026, 10, 25, 16, 20);
    const answer = marketAt(now).history(
      "AAPL",
      "45",
      seconds(Date.UTC(2026, 10, 25, 14, 0)),
      seconds(now),
    );
    expect(answer.s === "ok" ? answer.t : []).toEqual(
      [
        Date.UTC(2026, 10, 25, 14, 30),
        Date.UTC(2026, 10, 25, 15, 15),
        Date.UTC(2026, 10, 25, 16, 0),
      ].map(seconds),
    );
  });

  it("streams BTCUSD 7's 23:55 bar at the day's end, with a session VWAP", () => {
    const now = Date.UTC(2026, 10, 25, 23, 58);
    const bars: Bar_Ws_Backend[] = [];
    const stop = marketAt(now).watchBars(
      { symbol: "BTCUSD", resolution: "7" },
      (bar) => bars.push(bar),
    );
    stop();
    expect(bars.map((b) => b.time)).toEqual([Date.UTC(2026, 10, 25, 23, 55)]);
    expect(bars[0]?.vwap).toBeGreaterThan(0);
  });

  it("refuses months and what is not a resolution with UNKNOWN_RESOLUTION", () => {
    const market = marketAt(Date.UTC(2026, 10, 25, 16, 20));
    for (const resolution of ["1M", "0", "2H"])
      expect(() => market.history("AAPL", resolution, 0, 1)).toThrow(
        expect.objectContaining({ code: "UNKNOWN_RESOLUTION" }) as Error,
      );
  });
});
