import { DAY_MS, MINUTE_MS } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { buildCatalog, findSymbol } from "./catalog";
import type { CatalogEntry } from "./instrument";
import { tradingMinutesPerYear } from "./model";
import { isTradingMinute } from "./session";
import { generateBars, simulateMinute } from "./simulator";

/** Whether simulated markets look like real ones: sessions, volume profile, volatility. */

const catalog = buildCatalog(Date.UTC(2026, 10, 26));
function entry(ticker: string): CatalogEntry {
  const found = findSymbol(catalog, ticker);
  if (found === undefined) throw new Error(`${ticker} is not listed`);
  return found;
}
const AAPL = entry("AAPL");
const EURUSD = entry("EURUSD");
const BTCUSD = entry("BTCUSD");
const ESZ6 = entry("ESZ6");

describe("sessions", () => {
  const barAt = (e: CatalogEntry, time: number) =>
    simulateMinute(e, 1, time, e.sim.initialPrice);

  it("has no AAPL trades on a Saturday or at 03:00 New York, and trades at 10:00", () => {
    const saturday = barAt(AAPL, Date.UTC(2026, 2, 7, 15));
    expect(saturday).toEqual({ trades: [], bar: null });
    // 03:00 EDT on Tuesday 2026-03-10.
    expect(barAt(AAPL, Date.UTC(2026, 2, 10, 7)).bar).toBeNull();
    // 10:00 EDT on Monday.
    expect(barAt(AAPL, Date.UTC(2026, 2, 9, 14)).bar).not.toBeNull();
  });

  it("follows New York time across the DST change", () => {
    // Friday 2026-03-06 (EST, UTC-5): 09:45 is 14:45 UTC; 15:15 is 20:15 UTC.
    expect(barAt(AAPL, Date.UTC(2026, 2, 6, 14, 15)).bar).toBeNull();
    expect(barAt(AAPL, Date.UTC(2026, 2, 6, 14, 45)).bar).not.toBeNull();
    expect(barAt(AAPL, Date.UTC(2026, 2, 6, 20, 15)).bar).not.toBeNull();
    // Monday 2026-03-09 (EDT, UTC-4): 09:45 is 13:45 UTC; 20:15 UTC is 16:15, closed.
    expect(barAt(AAPL, Date.UTC(2026, 2, 9, 13, 45)).bar).not.toBeNull();
    expect(barAt(AAPL, Date.UTC(2026, 2, 9, 20, 15)).bar).toBeNull();
  });

  it("only produces bars in trading minutes, and nearly every trading minute has one", () => {
    for (const e of [AAPL, EURUSD, ESZ6, BTCUSD]) {
      const from = Date.UTC(2026, 2, 5);
      const to = from + 7 * DAY_MS;
      const bars = generateBars(e, 6, from, to, e.sim.initialPrice);
      expect(bars.every((b) => isTradingMinute(e, b.time))).toBe(true);
      let tradingMinutes = 0;
      for (let t = from; t < to; t += MINUTE_MS)
        if (isTradingMinute(e, t)) tradingMinutes++;
      expect(bars.length).toBeGreaterThan(0.97 * tradingMinutes);
    }
  });
});

describe("market realism", () => {
  it("trades more in the first and last half hour of a stock session than at midday", () => {
    const bars = generateBars(
      AAPL,
      12,
      Date.UTC(2026, 3, 6),
      Date.UTC(2026, 4, 1),
      232,
    );
    const volumeAt = (startMinute: number, endMinute: number) => {
      const picked = bars.filter((b) => {
        const d = new Date(b.time);
        // April 2026 is EDT: 09:30 New York is 13:30 UTC.
        const index = d.getUTCHours() * 60 + d.getUTCMinutes() - (13 * 60 + 30);
        return index >= startMinute && index < endMinute;
      });
      return picked.reduce((sum, b) => sum + b.volume, 0) / picked.length;
    };
    const open = volumeAt(0, 30);
    const midday = volumeAt(150, 240);
    const close = volumeAt(360, 390);
    expect(open).toBeGreaterThan(1.8 * midday);
    expect(close).toBeGreaterThan(1.8 * midday);
  });

  it("has the configured annualized volatility in its 1-minute returns over 30 days", () => {
    for (const e of [AAPL, EURUSD, BTCUSD, ESZ6]) {
      const bars = generateBars(
        e,
        21,
        Date.UTC(2026, 1, 2),
        Date.UTC(2026, 2, 4),
        e.sim.initialPrice,
      );
      let sumSquares = 0;
      for (let i = 1; i < bars.length; i++) {
        const r = Math.log((bars[i]?.close ?? 1) / (bars[i - 1]?.close ?? 1));
        sumSquares += r * r;
      }
      const realized = Math.sqrt(
        (sumSquares / (bars.length - 1)) * tradingMinutesPerYear(e),
      );
      const configured = e.sim.annualVolatility;
      expect(realized).toBeGreaterThan(configured / 1.5);
      expect(realized).toBeLessThan(configured * 1.5);
    }
  });

  it("keeps prices positive and plausible over three months of the most volatile coin", () => {
    const SOLUSD = entry("SOLUSD");
    for (const seed of [1, 2]) {
      const bars = generateBars(
        SOLUSD,
        seed,
        Date.UTC(2026, 0, 1),
        Date.UTC(2026, 3, 1),
        185,
      );
      const lows = bars.reduce((low, b) => Math.min(low, b.low), Infinity);
      const highs = bars.reduce((high, b) => Math.max(high, b.high), 0);
      expect(lows).toBeGreaterThan(185 / 3);
      expect(highs).toBeLessThan(185 * 3);
    }
  });

  it("moves the front and next futures contract together, a carry apart", () => {
    const ESH7 = entry("ESH7");
    const from = Date.UTC(2026, 9, 5);
    const to = from + 5 * DAY_MS;
    const front = generateBars(ESZ6, 4, from, to, ESZ6.sim.initialPrice);
    const next = generateBars(ESH7, 4, from, to, ESH7.sim.initialPrice);
    expect(next.map((b) => b.time)).toEqual(front.map((b) => b.time));
    const carry = ESH7.sim.initialPrice / ESZ6.sim.initialPrice;
    front.forEach((b, i) => {
      const ratio = (next[i]?.close ?? 0) / b.close;
      expect(Math.abs(ratio / carry - 1)).toBeLessThan(0.005);
    });
  });
});
