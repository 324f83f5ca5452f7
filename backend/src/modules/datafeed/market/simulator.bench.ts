import { bench, describe } from "vitest";
import { buildCatalog, findSymbol } from "./catalog";
import { generateBars } from "./simulator";

/**
 * Backfill throughput: `npx vitest bench --run --project backend
 * backend/src/modules/datafeed/market`. Bars per second = bars in the name * ops per second.
 */

const FROM = Date.UTC(2026, 9, 1);
const TO = Date.UTC(2026, 9, 31);
const catalog = buildCatalog(Date.UTC(2026, 10, 26));

describe("generateBars, 30 days of 1-minute bars", () => {
  for (const ticker of ["AAPL", "EURUSD", "BTCUSD", "ESZ6"]) {
    const entry = findSymbol(catalog, ticker);
    if (entry === undefined) throw new Error(`${ticker} is not listed`);
    const price = entry.sim.initialPrice;
    const bars = generateBars(entry, 1, FROM, TO, price).length;
    let seed = 0;
    bench(`${ticker} (${bars} bars)`, () => {
      generateBars(entry, ++seed, FROM, TO, price);
    });
  }
});
