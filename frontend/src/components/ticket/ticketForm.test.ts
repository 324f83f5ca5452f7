import { OrderType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { toSymbolSpec } from "../../model/symbol";
import { SIMULATED_CATALOG } from "../../simulation/market/catalog";
import {
  emptyDraft,
  isNumericText,
  newClientOrderId,
  parseNumber,
  readDraft,
  stepPrice,
  stepValue,
} from "./ticketForm";

const spec = (ticker: string) => {
  const found = SIMULATED_CATALOG.find((i) => i.info.ticker === ticker);
  if (!found) throw new Error(ticker);
  return toSymbolSpec(found.info);
};
const EURUSD = spec("EURUSD");
const AAPL = spec("AAPL");

const BTCUSD = spec("BTCUSD");

describe("ticket form", () => {
  it("reads a stop-limit ticket with its optional bracket", () => {
    const draft = {
      ...emptyDraft(),
      side: Side.Sell,
      type: OrderType.StopLimit,
      qty: "1000",
      limitPrice: "1.16500",
      stopPrice: "1,16510",
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

  it("reads a comma as the decimal separator, never as a thousands separator", () => {
    const draft = { ...emptyDraft(), qty: "0,5" };
    expect(readDraft(draft, "BTCUSD", BTCUSD)).toMatchObject({
      ticket: { qty: 0.5 },
    });
    expect(
      readDraft({ ...draft, qty: "1,000" }, "BTCUSD", BTCUSD),
    ).toMatchObject({ ticket: { qty: 1 } });
  });

  it("ignores prices the order type does not use", () => {
    const draft = {
      ...emptyDraft(),
      qty: "1",
      limitPrice: "abc",
      stopPrice: "-1",
    };
    expect(readDraft(draft, "AAPL", AAPL)).toEqual({
      ticket: {
        symbol: "AAPL",
        side: Side.Buy,
        type: OrderType.Market,
        qty: 1,
      },
    });
  });

  it("accepts only digits and one separator: no letters, exponents, signs or second separator", () => {
    for (const text of [
      "abc",
      "1e3",
      "0.1s",
      "1.2.3",
      "1,2.3",
      "-1",
      "+1",
      " 1",
      "1_000",
      "Infinity",
      "0x10",
    ]) {
      expect(isNumericText(text)).toBe(false);
      expect(parseNumber(text)).toBeNaN();
    }
    for (const text of ["", "1", "1.", ".5", "0,25", "12345.6789"])
      expect(isNumericText(text)).toBe(true);
    expect(parseNumber(".")).toBeNaN();
    expect(parseNumber("")).toBeUndefined();
    expect(parseNumber("1e3")).toBeNaN();
  });

  it("names each field that cannot be sent", () => {
    const draft = {
      ...emptyDraft(),
      type: OrderType.Limit,
      qty: "1e3",
      limitPrice: "",
      takeProfit: "12.345",
      stopLoss: "x",
    };
    expect(readDraft(draft, "AAPL", AAPL)).toEqual({
      errors: {
        qty: "Enter a number (digits and one . or ,)",
        takeProfit: "Price must be a multiple of the tick 0.01",
        stopLoss: "Enter a number (digits and one . or ,)",
      },
    });
    expect(readDraft({ ...draft, qty: "" }, "AAPL", AAPL)).toMatchObject({
      errors: { qty: "Enter a quantity" },
    });
  });

  it("keeps quantities to whole lots of at least one and prices to the tick grid above 0", () => {
    const limit = { ...emptyDraft(), type: OrderType.Limit, limitPrice: "100" };
    expect(readDraft({ ...limit, qty: "0" }, "AAPL", AAPL)).toEqual({
      errors: { qty: "Quantity must be at least one lot (1)" },
    });
    expect(readDraft({ ...limit, qty: "1.5" }, "AAPL", AAPL)).toEqual({
      errors: { qty: "Quantity must be a whole number of lots (1)" },
    });
    expect(readDraft({ ...limit, qty: "0.00005" }, "BTCUSD", BTCUSD)).toEqual({
      errors: { qty: "Quantity must be at least one lot (0.0001)" },
    });
    expect(readDraft({ ...limit, qty: "0.00015" }, "BTCUSD", BTCUSD)).toEqual({
      errors: { qty: "Quantity must be a whole number of lots (0.0001)" },
    });
    expect(
      readDraft(
        { ...limit, qty: "0.0003", limitPrice: "96000.01" },
        "BTCUSD",
        BTCUSD,
      ),
    ).toMatchObject({ ticket: { qty: 0.0003, limitPrice: 96000.01 } });
    expect(
      readDraft({ ...limit, qty: "1", limitPrice: "100.005" }, "AAPL", AAPL),
    ).toEqual({
      errors: { limitPrice: "Price must be a multiple of the tick 0.01" },
    });
    expect(
      readDraft({ ...limit, qty: "1", limitPrice: "0" }, "AAPL", AAPL),
    ).toEqual({ errors: { limitPrice: "Enter a price above 0" } });
  });

  it("waits for the symbol to be resolved", () => {
    expect(readDraft(emptyDraft(), "AAPL", undefined)).toEqual({
      errors: { form: "AAPL is not resolved yet" },
    });
  });

  it("steps a price by one tick of the symbol", () => {
    expect(stepPrice("232.10", 1, AAPL)).toBe("232.11");
    expect(stepPrice("232.10", 10, AAPL)).toBe("232.20");
    expect(stepPrice("", -1, AAPL, 232.1)).toBe("232.09");
    expect(stepPrice("", 1, AAPL)).toBe("");
  });

  it("steps a quantity by one lot, onto the grid from off it, never below one lot", () => {
    expect(stepValue("0.0001", 1, 0.0001)).toBe("0.0002");
    expect(stepValue("0.0101", -10, 0.0001)).toBe("0.0091");
    expect(stepValue("0.00015", 1, 0.0001)).toBe("0.0002");
    expect(stepValue("0.00015", -1, 0.0001)).toBe("0.0001");
    expect(stepValue("1", -1, 1)).toBe("1");
    expect(stepValue("2,5", 1, 1)).toBe("3");
  });

  it("makes a fresh client order id for every submission", () => {
    const ids = new Set(Array.from({ length: 100 }, () => newClientOrderId(0)));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(64);
  });
});
