import { describe, expect, it } from "vitest";
import type { InstrumentRules } from "../../../contracts/market-data";
import { boundedPrice, boundedQty } from "./order-bounds";
import type { BrokerRejection } from "./rejection";

const BTC: InstrumentRules = {
  ticker: "BTCUSD",
  description: "Bitcoin / U.S. Dollar",
  type: "crypto",
  minmov: 1,
  pricescale: 100,
  lotSize: 0.0001,
  currency: "USD",
  pointValue: 1,
  marginRate: 0.5,
};
const ES: InstrumentRules = {
  ...BTC,
  ticker: "ESZ6",
  type: "futures",
  minmov: 25,
  pricescale: 100,
  lotSize: 1,
  pointValue: 50,
  marginRate: 0.05,
};
const LIMITS = { maxOrderQty: 1_000_000, priceBand: 1000 };

function refusal(
  run: () => unknown,
): Pick<BrokerRejection, "code" | "field" | "message"> {
  try {
    run();
  } catch (err) {
    const { code, field, message } = err as BrokerRejection;
    return { code, field, message };
  }
  throw new Error("not refused");
}

describe("order bounds", () => {
  it("books quantities and prices on the grid, without binary dust", () => {
    expect(boundedQty(0.1 + 0.2, "qty", BTC, LIMITS)).toBe(0.3);
    expect(boundedQty(999_999.9999, "qty", BTC, LIMITS)).toBe(999_999.9999);
    expect(boundedQty(1_000_000, "qty", BTC, LIMITS)).toBe(1_000_000);
    expect(boundedPrice(6000.25, "limitPrice", ES, 6000, LIMITS)).toBe(6000.25);
    expect(boundedPrice(0.07 + 0.2, "stopLoss", BTC, 100, LIMITS)).toBe(0.27);
  });

  it.each([
    [NaN, /finite/],
    [Infinity, /finite/],
    [-Infinity, /finite/],
    ["1", /finite/],
    [0, /greater than 0/],
    [-0, /greater than 0/],
    [-0.5, /greater than 0/],
    [Number.MIN_VALUE, /less than one lot/],
    [5e-11, /less than one lot/],
    [0.00004, /less than one lot/],
    [0.00015, /multiple of 0.0001/],
    [1_000_000.0001, /at most 1000000/],
    [1e300, /at most 1000000/],
  ])("refuses the quantity %s naming qty", (qty, message) => {
    expect(refusal(() => boundedQty(qty, "qty", BTC, LIMITS))).toMatchObject({
      code: "INVALID_ORDER",
      field: "qty",
      message: expect.stringMatching(message) as unknown,
    });
  });

  it.each([
    [NaN, /finite/],
    [1e-300, /less than one tick/],
    [0.004, /less than one tick/],
    [6000.1, /multiple of the tick size 0.25/],
    [5.75, /between 6 and 6000000/],
    [6_000_000.25, /between 6 and 6000000/],
  ])("refuses the price %s naming the field", (price, message) => {
    expect(
      refusal(() => boundedPrice(price, "takeProfit", ES, 6000, LIMITS)),
    ).toMatchObject({
      code: "INVALID_ORDER",
      field: "takeProfit",
      message: expect.stringMatching(message) as unknown,
    });
  });
});
