import { describe, expect, it } from "vitest";
import { buildCatalog } from "./catalog";
import { activityProfile } from "./profile";

const catalog = buildCatalog(Date.UTC(2026, 10, 26));
const profileOf = (ticker: string) => {
  const entry = catalog.find((e) => e.ticker === ticker);
  if (entry === undefined) throw new Error(`${ticker} is not listed`);
  return activityProfile(entry);
};
const average = (table: Float64Array, from: number, to: number) =>
  table.slice(from, to).reduce((a, b) => a + b, 0) / (to - from);

describe("activityProfile", () => {
  it("averages exactly 1 over a session, so daily volume and volatility keep their size", () => {
    for (const entry of catalog) {
      const table = activityProfile(entry);
      expect(average(table, 0, table.length)).toBeCloseTo(1, 12);
    }
  });

  it("is U-shaped for stocks", () => {
    const aapl = profileOf("AAPL");
    expect(aapl).toHaveLength(390);
    const midday = average(aapl, 150, 240);
    expect(average(aapl, 0, 30)).toBeGreaterThan(2 * midday);
    expect(average(aapl, 360, 390)).toBeGreaterThan(2 * midday);
  });

  it("is busiest in the cash session for index futures", () => {
    const es = profileOf("ESZ6");
    // Minutes from 17:00 Chicago: 10:00 is minute 1020, 22:00 is minute 300.
    expect(es).toHaveLength(1380);
    expect(es[1020]).toBeGreaterThan(2 * (es[300] ?? 0));
  });

  it("peaks in the London / New York overlap for FX", () => {
    const fx = profileOf("EURUSD");
    // Minutes from 17:00 New York: 09:00 is minute 960, 21:00 is minute 240.
    expect(fx).toHaveLength(1440);
    expect(fx[960]).toBe(Math.max(...fx));
    expect(fx[960]).toBeGreaterThan(2 * (fx[240] ?? 0));
  });
});
