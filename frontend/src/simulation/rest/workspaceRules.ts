import type {
  Drawing_Api_Backend,
  WatchlistInput_Api_Backend,
} from "../../clients/api-types-generated";
import { findInstrument, SIMULATED_CATALOG } from "../market/catalog";
import { SimulatedError } from "../simulatedError";
import { checkBody } from "./schemaCheck";

/**
 * The workspace server's rules beyond the schema (backend/src/modules/workspace/: symbols.ts,
 * drawing-routes.ts, limits.ts), with its messages, so the simulation refuses what it refuses.
 */

/** Points a drawing of each kind has (the server's `DRAWING_POINTS`). */
const DRAWING_POINTS = { horizontal: 1, trend: 2 } as const;

/** The symbol as the datafeed spells it; 400 UNKNOWN_SYMBOL naming `field` when unlisted. */
export function listedSymbol(symbol: string, field: string): string {
  checkBody("Symbol", symbol, [field]);
  const found = findInstrument(SIMULATED_CATALOG, symbol);
  // As the server's catalog: `NASDAQ:AAPL` and `aapl` are AAPL, `NYSE:AAPL` is nothing.
  const colon = symbol.indexOf(":");
  const exchange =
    colon < 0 ? undefined : symbol.slice(0, colon).trim().toUpperCase();
  if (!found || (exchange !== undefined && exchange !== found.info.exchange))
    throw new SimulatedError(
      "UNKNOWN_SYMBOL",
      `unknown symbol ${JSON.stringify(symbol)}`,
      400,
      field,
    );
  return found.info.ticker;
}

/** A list's content as the server stores it: name trimmed, symbols listed and respelt, none twice. */
export function watchlistContent(input: unknown): WatchlistInput_Api_Backend {
  checkBody("WatchlistInput", input);
  const { name, symbols } = input as WatchlistInput_Api_Backend;
  const seen = new Set<string>();
  const listed = symbols.map((symbol, i) => {
    const ticker = listedSymbol(symbol, `symbols.${i}`);
    if (seen.has(ticker))
      throw new SimulatedError(
        "INVALID_PARAMS",
        `symbols.${i}: ${ticker} is already in the list`,
        400,
        `symbols.${i}`,
      );
    seen.add(ticker);
    return ticker;
  });
  return { name: name.trim(), symbols: listed };
}

/** The schema's rules, then each kind's number of points and ids unique within the chart. */
export function checkDrawings(drawings: unknown): Drawing_Api_Backend[] {
  checkBody("Drawings", { drawings });
  const list = drawings as Drawing_Api_Backend[];
  const ids = new Set<string>();
  list.forEach((drawing, i) => {
    const points = DRAWING_POINTS[drawing.kind];
    if (drawing.points.length !== points)
      throw new SimulatedError(
        "INVALID_PARAMS",
        `drawings.${i}: a ${drawing.kind} line has exactly ${points} point${points === 1 ? "" : "s"}`,
        400,
        "drawings",
      );
    if (ids.has(drawing.id))
      throw new SimulatedError(
        "INVALID_PARAMS",
        `drawings.${i}: the id ${drawing.id} is used twice`,
        400,
        "drawings",
      );
    ids.add(drawing.id);
  });
  return list;
}

/** 128 random bits, as the server's ids: an id names one list and tells nothing about another. */
export function newWatchlistId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const base64 = btoa(String.fromCharCode(...bytes));
  return `wl-${base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`;
}
