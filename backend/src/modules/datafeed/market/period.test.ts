import { describe, expect, it } from "vitest";
import { buildCatalog, findSymbol } from "./catalog";
import type { CatalogEntry } from "./instrument";
import { Periods } from "./period";
import { parseResolution } from "./resolution";

// Wednesday 2026-11-25 (New York on EST, UTC-5; Chicago on CST, UTC-6).
const catalog = buildCatalog(Date.UTC(2026, 10, 25));
const entry = (ticker: string): CatalogEntry => {
  const found = findSymbol(catalog, ticker);
  if (!found) throw new Error(ticker);
  return found;
};
const future = catalog.find((e) => e.type === "futures") as CatalogEntry;
const periods = (symbol: CatalogEntry | string, resolution: string) =>
  new Periods(
    typeof symbol === "string" ? entry(symbol) : symbol,
    parseResolution(resolution) ??
      (() => {
        throw new Error(resolution);
      })(),
  );
const utc = (d: number, h: number, m = 0) => Date.UTC(2026, 10, d, h, m);

describe("periods follow TradingView's alignment", () => {
  it("anchors N minutes at the session open: AAPL 60 is 09:30, 10:30 ... with a 30-minute 15:30 bar", () => {
    const p = periods("AAPL", "60");
    expect(p.startOf(utc(25, 14, 30))).toBe(utc(25, 14, 30)); // 09:30 NY
    expect(p.startOf(utc(25, 15, 29))).toBe(utc(25, 14, 30));
    expect(p.startOf(utc(25, 15, 30))).toBe(utc(25, 15, 30));
    expect(p.startOf(utc(25, 20, 59))).toBe(utc(25, 20, 30)); // 15:59 NY
    expect(p.nextTradingPeriod(utc(25, 20, 30))).toBe(utc(26, 14, 30));
  });

  it("45 minutes on AAPL: 09:30, 10:15, 11:00 ... and Friday's last bar is followed by Monday's open", () => {
    const p = periods("AAPL", "45");
    expect(p.startOf(utc(25, 15, 14))).toBe(utc(25, 14, 30));
    expect(p.startOf(utc(25, 15, 15))).toBe(utc(25, 15, 15));
    expect(p.startOf(utc(25, 16, 0))).toBe(utc(25, 16, 0));
    // 390 minutes = 8 x 45 + 30: the last bar starts at 15:30 NY.
    expect(p.startOf(utc(27, 20, 59))).toBe(utc(27, 20, 30));
    expect(p.nextTradingPeriod(utc(27, 20, 30))).toBe(utc(30, 14, 30));
  });

  it("restarts every UTC day for 24x7: 7-minute BTCUSD bars end the day with a 5-minute 23:55 bar", () => {
    const p = periods("BTCUSD", "7");
    expect(p.startOf(utc(25, 0, 6))).toBe(utc(25, 0, 0));
    expect(p.startOf(utc(25, 0, 7))).toBe(utc(25, 0, 7));
    expect(p.startOf(utc(25, 23, 59))).toBe(utc(25, 23, 55));
    expect(p.nextTradingPeriod(utc(25, 23, 55))).toBe(utc(26, 0, 0));
  });

  it("anchors FX at 17:00 New York and futures at 17:00 Chicago", () => {
    const fx = periods("EURUSD", "240");
    expect(fx.startOf(utc(25, 22, 0))).toBe(utc(25, 22, 0)); // 17:00 NY
    expect(fx.startOf(utc(26, 1, 59))).toBe(utc(25, 22, 0));
    expect(fx.startOf(utc(26, 2, 0))).toBe(utc(26, 2, 0));
    const es = periods(future, "90");
    expect(es.startOf(utc(25, 23, 0))).toBe(utc(25, 23, 0)); // 17:00 CT
    expect(es.startOf(utc(26, 0, 29))).toBe(utc(25, 23, 0));
    expect(es.startOf(utc(26, 0, 30))).toBe(utc(26, 0, 30));
    // The session ends 16:00 CT (22:00 UTC); the next opens at 17:00 CT.
    expect(es.nextTradingPeriod(utc(25, 21, 30))).toBe(utc(25, 23, 0));
    // FX after Friday 17:00 NY: the next period is Sunday 17:00.
    expect(fx.nextTradingPeriod(utc(27, 18, 0))).toBe(utc(29, 22, 0));
  });

  it("cuts days by trading day: FX and futures evenings count toward the next date", () => {
    expect(periods("EURUSD", "1D").startOf(utc(25, 22, 0))).toBe(utc(26, 0));
    expect(periods(future, "1D").startOf(utc(25, 23, 0))).toBe(utc(26, 0));
    expect(periods("AAPL", "1D").startOf(utc(25, 20, 59))).toBe(utc(25, 0));
    expect(periods("BTCUSD", "1D").startOf(utc(25, 23, 59))).toBe(utc(25, 0));
  });

  it("N days from 1970-01-01, N weeks from Monday, N months from January, over trading days", () => {
    // 2026-11-25 is day 20782 since the epoch: 2D buckets start on even days.
    expect(periods("AAPL", "2D").startOf(utc(25, 15))).toBe(utc(25, 0));
    expect(periods("AAPL", "2D").startOf(utc(26, 15))).toBe(utc(25, 0));
    expect(periods("AAPL", "1W").startOf(utc(25, 15))).toBe(utc(23, 0));
    // Sunday evening FX belongs to Monday's trading day, so to the week starting that Monday.
    expect(periods("EURUSD", "1W").startOf(utc(29, 22, 0))).toBe(utc(30, 0));
    // 3W: week 2968 since Monday 1970-01-05 is 2026-11-23; 3W buckets start at multiples of 3.
    expect(periods("AAPL", "3W").startOf(utc(25, 15))).toBe(
      Date.UTC(2026, 10, 16),
    );
    expect(periods("AAPL", "3M").startOf(utc(25, 15))).toBe(
      Date.UTC(2026, 9, 1),
    );
    expect(periods("EURUSD", "1M").startOf(Date.UTC(2026, 8, 30, 22))).toBe(
      Date.UTC(2026, 9, 1),
    );
  });

  it("fills only trading days: 1D AAPL goes from Friday to Monday, 2D skips a weekend pair", () => {
    expect(periods("AAPL", "1D").nextTradingPeriod(utc(27, 0))).toBe(
      utc(30, 0),
    );
    expect(periods("BTCUSD", "1D").nextTradingPeriod(utc(27, 0))).toBe(
      utc(28, 0),
    );
  });

  it("reads a period whole: the end covers the last bar before a label, the start its session", () => {
    const p = periods("AAPL", "60");
    expect(p.readStart(utc(25, 16, 10))).toBe(utc(25, 14, 30));
    expect(p.readEnd(utc(25, 16, 10))).toBe(utc(25, 16, 30));
    // 99999 minutes end with the session, 16:00 New York, not 69 days later.
    expect(periods("AAPL", "99999").readEnd(utc(25, 16, 10))).toBe(
      utc(25, 21, 0),
    );
    const d = periods("EURUSD", "1D");
    expect(d.readEnd(utc(26, 0))).toBeGreaterThanOrEqual(utc(25, 22, 0));
  });
});
