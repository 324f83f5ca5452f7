import { HOUR_MS, MINUTE_MS } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { buildCatalog, findSymbol } from "./catalog";
import type { CatalogEntry } from "./instrument";
import { Periods } from "./period";
import { PeriodBarBuilder, type SeriesBar } from "./period-bars";
import { parseResolution, type ParsedResolution } from "./resolution";
import type { MarketBar } from "./types";

const catalog = buildCatalog(Date.UTC(2026, 10, 25));
const btc = findSymbol(catalog, "BTCUSD") as CatalogEntry;
const hourly = parseResolution("60") as ParsedResolution;
const DAY1 = Date.UTC(2026, 10, 25);
const DAY2 = Date.UTC(2026, 10, 26);

const minute = (
  time: number,
  close: number,
  vwap: number,
  volume: number,
): MarketBar => ({
  time,
  open: close,
  high: close,
  low: close,
  close,
  volume,
  vwap,
  trades: 1,
});

function build(
  minutes: readonly MarketBar[],
  fill: boolean,
  until: number,
  previous?: { time: number; close: number },
): SeriesBar[] {
  const builder = new PeriodBarBuilder(
    new Periods(btc, hourly),
    fill,
    previous,
  );
  const out = minutes.flatMap((m) => builder.add(m));
  return [...out, ...builder.finish(until)];
}

const MINUTES = [
  minute(DAY1, 10, 10, 1),
  minute(DAY1 + MINUTE_MS, 21, 20, 3),
  minute(DAY1 + 3 * HOUR_MS, 30, 30, 4),
  minute(DAY2 + 2 * HOUR_MS + 10 * MINUTE_MS, 40, 41, 2),
];

describe("PeriodBarBuilder", () => {
  it("carries the session VWAP at each bar's close, reset at the session start (00:00 UTC for 24x7)", () => {
    const bars = build(MINUTES, false, DAY2 + 3 * HOUR_MS);
    expect(bars.map((b) => [b.time, b.close, b.volume, b.vwap])).toEqual([
      [DAY1, 21, 4, (10 * 1 + 20 * 3) / 4],
      [DAY1 + 3 * HOUR_MS, 30, 4, (10 + 60 + 120) / 8],
      [DAY2 + 2 * HOUR_MS, 40, 2, 41],
    ]);
  });

  it("fills empty periods flat at the last close: the session's VWAP so far, the close in a session without trades yet", () => {
    const bars = build(MINUTES, true, DAY2 + 4 * HOUR_MS);
    const filled = bars.filter((b) => b.filled);
    expect(filled.every((b) => b.volume === 0 && b.trades === 0)).toBe(true);
    const at = (time: number) => bars.find((b) => b.time === time);
    expect(at(DAY1 + HOUR_MS)).toMatchObject({
      open: 21,
      close: 21,
      vwap: 70 / 4,
      filled: true,
    });
    expect(at(DAY1 + 23 * HOUR_MS)).toMatchObject({ close: 30, vwap: 190 / 8 });
    expect(at(DAY2)).toMatchObject({ close: 30, vwap: 30, filled: true });
    expect(at(DAY2 + HOUR_MS)).toMatchObject({ close: 30, vwap: 30 });
    expect(at(DAY2 + 2 * HOUR_MS)?.filled).toBeUndefined();
    // After the last real bar, up to `until` (the last closed minute) and no further.
    expect(at(DAY2 + 3 * HOUR_MS)).toMatchObject({ close: 40, vwap: 41 });
    expect(bars.at(-1)?.time).toBe(DAY2 + 3 * HOUR_MS);
    expect(bars).toHaveLength(24 + 4);
  });

  it("fills nothing before the first bar it knows of, and from the previous minute when given one", () => {
    const later = MINUTES.slice(2);
    expect(build(later, true, DAY1 + 4 * HOUR_MS)[0]?.time).toBe(
      DAY1 + 3 * HOUR_MS,
    );
    const seeded = build(later, true, DAY1 + 4 * HOUR_MS, {
      time: DAY1 + MINUTE_MS,
      close: 21,
    });
    expect(seeded.slice(0, 2)).toMatchObject([
      { time: DAY1 + HOUR_MS, close: 21, filled: true },
      { time: DAY1 + 2 * HOUR_MS, close: 21, filled: true },
    ]);
  });
});
