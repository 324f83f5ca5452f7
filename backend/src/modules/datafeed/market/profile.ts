import type { CatalogEntry } from "./instrument";
import { compileSession } from "./session";

/**
 * Intraday activity: how busy each minute of a session is relative to the session average. It
 * scales both the number of trades and the variance of a minute, since volume and volatility move
 * together intraday. Tables have one value per session minute and mean exactly 1, so they shape
 * the day without changing daily volume or daily volatility.
 */

const profiles = new WeakMap<CatalogEntry, Float64Array>();

export function activityProfile(entry: CatalogEntry): Float64Array {
  let table = profiles.get(entry);
  if (table === undefined) {
    table = buildProfile(entry);
    profiles.set(entry, table);
  }
  return table;
}

function buildProfile(entry: CatalogEntry): Float64Array {
  const session = compileSession(entry);
  const shape = shapeOf(entry);
  const table = new Float64Array(session.length);
  let sum = 0;
  for (let i = 0; i < session.length; i++) {
    const localMinute = (session.start + i) % 1440;
    const value = shape(i / session.length, localMinute);
    table[i] = value;
    sum += value;
  }
  const mean = sum / session.length;
  for (let i = 0; i < table.length; i++) table[i] = (table[i] as number) / mean;
  return table;
}

/** `fraction` of the session elapsed, `localMinute` of the day in the session's time zone. */
type Shape = (fraction: number, localMinute: number) => number;

function shapeOf(entry: CatalogEntry): Shape {
  switch (entry.type) {
    case "stock":
      return stockShape;
    case "futures":
      return futuresShape;
    case "forex":
      return forexShape;
    default:
      return cryptoShape;
  }
}

/**
 * The equity U: busy at the open and into the close, quiet at lunch (about 2.8 times more
 * volume in the first and last half hour than at midday).
 */
function stockShape(fraction: number): number {
  const fromMiddle = 2 * fraction - 1;
  return 1 + 2.5 * fromMiddle ** 4;
}

/** CME equity futures follow the cash market's U from 08:30 to 15:15 Chicago, thin overnight. */
function futuresShape(_fraction: number, localMinute: number): number {
  const cashOpen = 8 * 60 + 30;
  const cashClose = 15 * 60 + 15;
  if (localMinute < cashOpen || localMinute >= cashClose) return 0.3;
  return stockShape((localMinute - cashOpen) / (cashClose - cashOpen));
}

/** FX by New York hour: quiet evening and Asia, London busy, London/New York overlap busiest. */
function forexShape(_fraction: number, localMinute: number): number {
  const hour = localMinute / 60;
  if (hour >= 17 && hour < 19) return 0.35;
  if (hour >= 19 || hour < 3) return 0.6;
  if (hour < 8) return 1.2;
  if (hour < 12) return 1.8;
  return 0.8;
}

/** Crypto trades around the clock with a mild peak during US hours (15:00 UTC). */
function cryptoShape(_fraction: number, localMinute: number): number {
  return 1 + 0.35 * Math.cos((2 * Math.PI * (localMinute - 900)) / 1440);
}
