import { DAY_MS } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { buildCatalog, findSymbol } from "./catalog";
import {
  contractActivity,
  contractExpiry,
  DEFERRED_ACTIVITY,
  expiringShare,
} from "./futures";
import type { CatalogEntry } from "./instrument";
import { tradingDay } from "./session";
import { generateBars } from "./simulator";

const SEED = 20_261_126;
const catalog = buildCatalog(Date.UTC(2026, 11, 1));
const entry = (ticker: string) => findSymbol(catalog, ticker) as CatalogEntry;
const ESZ6_EXPIRY = contractExpiry(2026, 12);

describe("volume migration at the roll", () => {
  it("keeps the expiring contract's share whole until two weeks out, half at 8.5 days, none the last day", () => {
    expect(expiringShare(16 * DAY_MS)).toBe(1);
    expect(expiringShare(8.5 * DAY_MS)).toBeCloseTo(0.5, 12);
    expect(expiringShare(1 * DAY_MS)).toBe(0);
    for (let d = 1; d < 16; d += 0.5)
      expect(expiringShare(d * DAY_MS)).toBeLessThanOrEqual(
        expiringShare((d + 0.5) * DAY_MS),
      );
  });

  it("gives the front what it keeps, the next what the front gives up, deferred months a floor, and nothing after expiry", () => {
    const z = entry("ESZ6").sim.life;
    const h = entry("ESH7").sim.life;
    const m = entry("ESM7").sim.life;
    if (!z || !h || !m) throw new Error("futures carry their life");
    const at = ESZ6_EXPIRY - 8.5 * DAY_MS;
    expect(contractActivity(z, at)).toBeCloseTo(0.5, 12);
    expect(contractActivity(h, at)).toBeCloseTo(0.5, 12);
    expect(contractActivity(m, at)).toBe(DEFERRED_ACTIVITY);
    expect(contractActivity(z, Date.UTC(2026, 10, 2))).toBe(1);
    expect(contractActivity(h, Date.UTC(2026, 10, 2))).toBe(DEFERRED_ACTIVITY);
    expect(contractActivity(z, ESZ6_EXPIRY - 1)).toBe(DEFERRED_ACTIVITY);
    expect(contractActivity(z, ESZ6_EXPIRY)).toBe(0);
    expect(contractActivity(h, ESZ6_EXPIRY)).toBe(1);
  });

  it("makes the next month out-trade the front first on the Thursday 8 days before expiry, the two moving together", () => {
    const from = Date.UTC(2026, 11, 7);
    const to = Date.UTC(2026, 11, 19);
    const z = entry("ESZ6");
    const h = entry("ESH7");
    const daily = (e: CatalogEntry) => {
      const days = new Map<number, { volume: number; close: number }>();
      for (const bar of generateBars(e, SEED, from, to, e.sim.initialPrice)) {
        const day = tradingDay(e, bar.time);
        const sums = days.get(day) ?? { volume: 0, close: 0 };
        days.set(day, { volume: sums.volume + bar.volume, close: bar.close });
      }
      return days;
    };
    const [front, next] = [daily(z), daily(h)];
    const nextLeads = [...front.keys()]
      .filter((d) => (next.get(d)?.volume ?? 0) > (front.get(d)?.volume ?? 0))
      .map((d) => new Date(d).toISOString().slice(0, 10));
    expect(nextLeads[0]).toBe("2026-12-10");
    expect(nextLeads).toEqual([
      "2026-12-10",
      "2026-12-11",
      "2026-12-14",
      "2026-12-15",
      "2026-12-16",
      "2026-12-17",
      "2026-12-18",
    ]);
    // One price path: the months stay a quarter's carry apart (about 0.75 %) through the roll.
    for (const d of [Date.UTC(2026, 11, 9), Date.UTC(2026, 11, 15)]) {
      const gap = (next.get(d)?.close ?? 0) / (front.get(d)?.close ?? 1) - 1;
      expect(gap).toBeGreaterThan(0.004);
      expect(gap).toBeLessThan(0.011);
    }
  });

  it("prints nothing for a contract after its expiry", () => {
    const z = entry("ESZ6");
    const bars = generateBars(
      z,
      SEED,
      ESZ6_EXPIRY - DAY_MS,
      ESZ6_EXPIRY + 3 * DAY_MS,
      z.sim.initialPrice,
    );
    expect(bars.length).toBeGreaterThan(100);
    expect(bars.at(-1)?.time).toBeLessThan(ESZ6_EXPIRY);
  });
});
