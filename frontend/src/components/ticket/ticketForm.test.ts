import { OrderType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { toSymbolSpec } from "../../model/symbol";
import { SIMULATED_CATALOG } from "../../simulation/market/catalog";
import {
  emptyDraft,
  newClientOrderId,
  readDraft,
  stepPrice,
} from "./ticketForm";

const spec = (ticker: string) => {
  const found = SIMULATED_CATALOG.find((i) => i.info.ticker === ticker);
  if (!found) throw new Error(ticker);
  return toSymbolSpec(found.info);
};
const EURUSD = spec("EURUSD");
const AAPL = spec("AAPL");

describe("ticket form", () => {
  it("reads a stop-limit ticket with its optional bracket", () => {
    const draft = {
      ...emptyDraft(),
      side: Side.Sell,
      type: OrderType.StopLimit,
      qty: "1,000",
      limitPrice: "1.16500",
      stopPrice: "1.16510",
      takeProfit: "1.16000",
    };
    expect(readDraft(draft, "EURUSD", EURUSD)).toEqual({
      ticket: {
        symbol: "EURUSD",
        side: Side.Sell,
        type: OrderType.StopLimit,
        qty: 1000,
        limitPrice: 1.165,
        stopPrice: 1.1651,
        takeProfit: 1.16,
      },
    });
  });

  it("ignores prices the order type does not use", () => {
    const draft = { ...emptyDraft(), limitPrice: "abc", stopPrice: "-1" };
    expect(readDraft(draft, "AAPL", AAPL)).toEqual({
      ticket: {
        symbol: "AAPL",
        side: Side.Buy,
        type: OrderType.Market,
        qty: 1,
      },
    });
  });

  it("names only what cannot be sent: text that is not a number", () => {
    const draft = {
      ...emptyDraft(),
      type: OrderType.Limit,
      qty: "two",
      limitPrice: "",
      takeProfit: "12.345",
      stopLoss: "x",
    };
    expect(readDraft(draft, "AAPL", AAPL)).toEqual({
      errors: { qty: "Enter a quantity", stopLoss: "Enter a number" },
    });
  });

  it("leaves the order rules to the server: zero, negative and off-grid values are sent as typed", () => {
    const draft = {
      ...emptyDraft(),
      type: OrderType.Limit,
      qty: "0",
      limitPrice: "100.005",
      takeProfit: "-1",
    };
    expect(readDraft(draft, "AAPL", AAPL)).toEqual({
      ticket: {
        symbol: "AAPL",
        side: Side.Buy,
        type: OrderType.Limit,
        qty: 0,
        limitPrice: 100.005,
        takeProfit: -1,
      },
    });
  });

  it("waits for the symbol to be resolved", () => {
    expect(readDraft(emptyDraft(), "AAPL", undefined)).toEqual({
      errors: { form: "AAPL is not resolved yet" },
    });
  });

  it("steps a price by one tick of the symbol", () => {
    expect(stepPrice("232.10", 1, AAPL)).toBe("232.11");
    expect(stepPrice("", -1, AAPL, 232.1)).toBe("232.09");
    expect(stepPrice("", 1, AAPL)).toBe("");
  });

  it("makes a fresh client order id for every submission", () => {
    const ids = new Set(Array.from({ length: 100 }, () => newClientOrderId(0)));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(64);
  });
});
