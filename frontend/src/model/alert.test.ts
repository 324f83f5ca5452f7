import { describe, expect, it } from "vitest";
import { rule } from "../../test/support/alerts";
import { priceCrossInput, toAlertRule, toFiredAlert, withLevel } from "./alert";

describe("alert mappers and inputs", () => {
  it("maps a rule with every field, keeping 0 and leaving absent optionals out", () => {
    const wire = {
      id: "a1",
      name: "x",
      condition: {
        type: "price-cross" as const,
        symbol: "ETHUSD",
        direction: "below" as const,
        level: 3000,
      },
      repeat: true,
      cooldownSeconds: 0,
      expiresAt: 9,
      status: "active" as const,
      createdAt: 1,
      updatedAt: 2,
      lastFiredAt: 0,
      fireCount: 3,
    };
    expect(toAlertRule(wire)).toEqual({ ...wire, symbol: "ETHUSD" });
    const { expiresAt: _e, lastFiredAt: _l, ...bare } = wire;
    expect(toAlertRule(bare)).toEqual({ ...bare, symbol: "ETHUSD" });
    expect(
      toFiredAlert({
        sequence: 4,
        alertId: "a1",
        name: "x",
        symbol: "ETHUSD",
        condition: wire.condition,
        firedAt: 5,
        price: 2999,
        value: 0,
        message: "m",
      }),
    ).toEqual({
      sequence: 4,
      alertId: "a1",
      name: "x",
      symbol: "ETHUSD",
      firedAt: 5,
      price: 2999,
      value: 0,
      message: "m",
    });
  });

  it("points a new price-cross alert above or below the last price", () => {
    expect(priceCrossInput("BTCUSD", 91_000, 90_000).condition).toMatchObject({
      direction: "above",
      level: 91_000,
    });
    expect(priceCrossInput("BTCUSD", 89_000, 90_000).condition).toMatchObject({
      direction: "below",
    });
    expect(priceCrossInput("BTCUSD", 90_000, 90_000).condition).toMatchObject({
      direction: "above",
    });
    expect(priceCrossInput("BTCUSD", 1, undefined).condition).toMatchObject({
      direction: "above",
    });
    expect(priceCrossInput("BTCUSD", 91_000, 90_000)).toMatchObject({
      name: "BTCUSD above 91000",
      repeat: false,
      cooldownSeconds: 60,
    });
  });

  it("moves a rule to a new level: direction from the last price, a default name follows, a chosen one stays", () => {
    expect(withLevel(rule("a1"), 80_000, 85_000)).toEqual({
      name: "BTCUSD below 80000",
      condition: {
        type: "price-cross",
        symbol: "BTCUSD",
        direction: "below",
        level: 80_000,
      },
      repeat: false,
      cooldownSeconds: 60,
    });
    expect(
      withLevel(rule("a1", { name: "take profit" }), 95_000, 85_000)?.name,
    ).toBe("take profit");
    const channel = rule("a2", {
      condition: {
        type: "price-channel",
        symbol: "BTCUSD",
        direction: "enters",
        lower: 1,
        upper: 2,
      },
    });
    expect(withLevel(channel, 5, 4)).toBeNull();
  });
});
