import type { AlertRule, FiredAlert } from "../../src/model/alert";

/** A price-cross rule on BTCUSD at 90,000, changed by `changes`. */
export function rule(id: string, changes: Partial<AlertRule> = {}): AlertRule {
  return {
    id,
    name: `BTCUSD above 90000`,
    condition: {
      type: "price-cross",
      symbol: "BTCUSD",
      direction: "above",
      level: 90_000,
    },
    repeat: false,
    cooldownSeconds: 60,
    status: "active",
    createdAt: 1_000,
    updatedAt: 1_000,
    fireCount: 0,
    symbol: "BTCUSD",
    ...changes,
  };
}

/** Firing number `sequence` of rule a1. */
export function fired(sequence: number): FiredAlert {
  return {
    sequence,
    alertId: "a1",
    name: "BTCUSD above 90000",
    symbol: "BTCUSD",
    firedAt: 5_000 + sequence,
    price: 90_001,
    message: "BTCUSD crossed above 90,000.00 at 90,001.00",
  };
}
