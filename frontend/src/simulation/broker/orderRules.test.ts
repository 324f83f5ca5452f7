import { OrderType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { findInstrument, SIMULATED_CATALOG } from "../market/catalog";
import { SimulatedError } from "../simulatedError";
import { validatePlace } from "./orderRules";

/** The simulated catalog's lot of `symbol`, as its SymbolInfo publishes it. */
const lot = (symbol: string) =>
  findInstrument(SIMULATED_CATALOG, symbol)?.info.lot_size;

function refusal(symbol: string, qty: number) {
  try {
    validatePlace(
      { symbol, type: OrderType.Market, side: Side.Buy, qty },
      0.01,
      lot(symbol),
    );
  } catch (err) {
    if (err instanceof SimulatedError)
      return { code: err.code, field: err.field, message: err.message };
    throw err;
  }
  return undefined;
}

describe("simulated order rules", () => {
  it("publishes the real catalog's lots and margin rates", () => {
    const terms = (symbol: string) => {
      const info = findInstrument(SIMULATED_CATALOG, symbol)?.info;
      return [info?.lot_size, info?.point_value, info?.margin_rate];
    };
    expect(terms("AAPL")).toEqual([1, 1, 0.5]);
    expect(terms("EURUSD")).toEqual([1000, 1, 1 / 30]);
    expect(terms("BTCUSD")).toEqual([0.0001, 1, 0.5]);
    expect(terms("SOLUSD")).toEqual([0.01, 1, 0.5]);
  });

  it("refuses a quantity under one lot or off the lot grid, as the broker words it", () => {
    expect(refusal("EURUSD", 1000)).toBeUndefined();
    expect(refusal("EURUSD", 400)).toEqual({
      code: "INVALID_ORDER",
      field: "qty",
      message: "qty 400 is less than one lot (1000) of EURUSD",
    });
    // Half a lot rounds to one: the broker calls it off the grid.
    expect(refusal("EURUSD", 500)?.message).toBe(
      "quantity must be a multiple of 1000 for EURUSD",
    );
    expect(refusal("EURUSD", 1500)).toEqual({
      code: "INVALID_ORDER",
      field: "qty",
      message: "quantity must be a multiple of 1000 for EURUSD",
    });
    expect(refusal("BTCUSD", 0.0003)).toBeUndefined();
    expect(refusal("SOLUSD", 0.004)?.message).toBe(
      "qty 0.004 is less than one lot (0.01) of SOLUSD",
    );
  });
});
