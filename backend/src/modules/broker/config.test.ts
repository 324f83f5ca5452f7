import { describe, expect, it } from "vitest";
import { envReader } from "../../env";
import { DEFAULT_BROKER_LIMITS, readBrokerLimits } from "./config";

const read = (variables: NodeJS.ProcessEnv) =>
  readBrokerLimits(envReader(variables));

describe("the broker's order limits", () => {
  it("has documented defaults", () => {
    expect(read({})).toEqual({ maxOrderQty: 1_000_000, priceBand: 1000 });
    expect(read({})).toEqual(DEFAULT_BROKER_LIMITS);
  });

  it("reads every variable", () => {
    expect(
      read({ BROKER_MAX_ORDER_QTY: "50", BROKER_PRICE_BAND: "2" }),
    ).toEqual({ maxOrderQty: 50, priceBand: 2 });
  });

  it.each([
    [
      { BROKER_MAX_ORDER_QTY: "0" },
      "invalid configuration: BROKER_MAX_ORDER_QTY must be between 1 and 1000000000, got 0",
    ],
    [
      { BROKER_PRICE_BAND: "1" },
      "invalid configuration: BROKER_PRICE_BAND must be between 2 and 1000000, got 1",
    ],
  ])("rejects %j", (env, message) => {
    expect(() => read(env)).toThrow(message);
  });
});
