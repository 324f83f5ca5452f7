import { bench, describe } from "vitest";
import { aggregateBars } from "./aggregate";
import { buildCatalog, findSymbol } from "./catalog";
import { Periods } from "./period";
import { PeriodBarBuilder } from "./period-bars";
import { parseResolution } from "./resolution";
import { tradingDay } from "./session";
import { generateBars } from "./simulator";

/**
 * What session alignment, session VWAP and fill cost over the plain UTC aggregation they
 * replaced, on the same 30 days of minutes: `npx vitest bench --run --project backend
 * backend/src/modules/datafeed/market/period-bars.bench.ts`. Compare the rows of one run.
 */

const FROM = Date.UTC(2026, 9, 1);
const TO = Date.UTC(2026, 9, 31);
const catalog = buildCatalog(Date.UTC(2026, 10, 26));

for (const ticker of ["AAPL", "EURUSD", "BTCUSD"]) {
  const entry = findSymbol(catalog, ticker);
  if (entry === undefined) throw new Error(`${ticker} is not listed`);
  const minutes = generateBars(entry, 1, FROM, TO, entry.sim.initialPrice);
  for (const name of ["45", "1D"]) {
    const resolution = parseResolution(name);
    if (resolution === null) throw new Error(name);
    describe(`${ticker} ${name}, ${minutes.length} minutes`, () => {
      bench("aggregateBars (UTC buckets, bar VWAP)", () => {
        aggregateBars(
          minutes,
          resolution,
          resolution.unit === "minute"
            ? {}
            : { dayOf: (t) => tradingDay(entry, t) },
        );
      });
      for (const fill of [false, true])
        bench(
          `PeriodBarBuilder (sessions, session VWAP${fill ? ", fill" : ""})`,
          () => {
            const builder = new PeriodBarBuilder(
              new Periods(entry, resolution),
              fill,
            );
            for (const minute of minutes) builder.add(minute);
            builder.finish(TO);
          },
        );
    });
  }
}
