import { describe, expect, it } from "vitest";
import type {
  InstrumentRules,
  MarketData,
} from "../../../../contracts/market-data";
import type { AlertRuleInput } from "../model";
import { checkRule } from "./check-rule";
import { describeCondition, firedMessage, tickDecimals } from "./describe";
import { AlertRejection } from "./rejection";

const BTC: InstrumentRules = {
  ticker: "BTCUSD",
  description: "Bitcoin",
  type: "crypto",
  minmov: 1,
  pricescale: 100,
  lotSize: 0.0001,
  currency: "USD",
  pointValue: 1,
  marginRate: 0.5,
};
const market = {
  instrument: (s: string) => (s.toUpperCase() === "BTCUSD" ? BTC : null),
} as unknown as MarketData;

type Input = Pick<AlertRuleInput, "condition" | "expiresAt">;

const refusal = (input: Input): { code: string; field?: string } => {
  try {
    checkRule(input, market, 1000);
  } catch (err) {
    if (err instanceof AlertRejection)
      return { code: err.code, ...(err.field ? { field: err.field } : {}) };
    throw err;
  }
  throw new Error("accepted");
};

const cross = (extra: object) => ({
  condition: {
    type: "indicator-cross" as const,
    symbol: "BTCUSD",
    resolution: "5",
    indicator: { kind: "macd" as const },
    line: "macd" as const,
    direction: "above" as const,
    ...extra,
  },
});

describe("checkRule: what the schema cannot say", () => {
  it("answers the condition with the listed ticker", () => {
    expect(
      checkRule(
        {
          condition: {
            type: "price-cross",
            symbol: "btcusd",
            direction: "above",
            level: 1,
          },
        },
        market,
        0,
      ),
    ).toEqual({
      type: "price-cross",
      symbol: "BTCUSD",
      direction: "above",
      level: 1,
    });
  });

  it.each<[string, Input, { code: string; field?: string }]>([
    [
      "an unknown symbol",
      {
        condition: {
          type: "price-cross",
          symbol: "NOPE",
          direction: "above",
          level: 1,
        },
      },
      { code: "UNKNOWN_SYMBOL", field: "condition.symbol" },
    ],
    [
      "an empty channel",
      {
        condition: {
          type: "price-channel",
          symbol: "BTCUSD",
          direction: "enters",
          lower: 2,
          upper: 2,
        },
      },
      { code: "INVALID_PARAMS", field: "condition.lower" },
    ],
    [
      "an expiry in the past",
      {
        expiresAt: 1000,
        condition: {
          type: "price-cross",
          symbol: "BTCUSD",
          direction: "above",
          level: 1,
        },
      },
      { code: "INVALID_PARAMS", field: "expiresAt" },
    ],
    [
      "params of another kind",
      cross({
        indicator: { kind: "rsi", params: { fast: 3 } },
        line: "value",
        level: 70,
      }),
      { code: "INVALID_PARAMS", field: "condition.indicator.params" },
    ],
    [
      "macd fast not below slow",
      cross({
        indicator: { kind: "macd", params: { fast: 30, slow: 26 } },
        otherLine: "signal",
      }),
      { code: "INVALID_PARAMS", field: "condition.indicator.params" },
    ],
    [
      "a line the indicator does not draw",
      cross({ line: "upper", level: 1 }),
      { code: "INVALID_PARAMS", field: "condition.line" },
    ],
    [
      "neither level nor otherLine",
      cross({}),
      { code: "INVALID_PARAMS", field: "condition.level" },
    ],
    [
      "both level and otherLine",
      cross({ level: 0, otherLine: "signal" }),
      { code: "INVALID_PARAMS", field: "condition.level" },
    ],
    [
      "an otherLine not drawn",
      cross({ otherLine: "k" }),
      { code: "INVALID_PARAMS", field: "condition.otherLine" },
    ],
    [
      "the line against itself",
      cross({ otherLine: "macd" }),
      { code: "INVALID_PARAMS", field: "condition.otherLine" },
    ],
  ])("refuses %s", (_, input, expected) => {
    expect(refusal(input)).toEqual(expected);
  });
});

describe("alert texts", () => {
  it("formats prices to the symbol's tick with separators", () => {
    expect(tickDecimals(BTC)).toBe(2);
    expect(tickDecimals({ ...BTC, minmov: 25, pricescale: 100 })).toBe(2);
    expect(tickDecimals({ ...BTC, minmov: 1, pricescale: 1 })).toBe(0);
    expect(tickDecimals({ ...BTC, minmov: 1, pricescale: 100000 })).toBe(5);
    const condition = {
      type: "price-cross",
      symbol: "BTCUSD",
      direction: "above",
      level: 90000,
    } as const;
    expect(describeCondition(condition, 2)).toBe(
      "BTCUSD crosses above 90,000.00",
    );
    expect(firedMessage(condition, 2, 90012.5, undefined)).toBe(
      "BTCUSD crossed above 90,000.00 at 90,012.50",
    );
  });
});
