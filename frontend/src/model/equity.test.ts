import { describe, expect, it } from "vitest";
import type { Equity_Ws_Backend } from "../clients/ws-types-generated";
import { toEquity } from "./equity";

describe("toEquity", () => {
  it("maps every field, zero P&L included", () => {
    const wire: Equity_Ws_Backend = {
      accountId: "acc-1",
      currency: "USD",
      balance: 100_000,
      equity: 100_012.5,
      unrealizedPl: 12.5,
      realizedPl: 0,
      buyingPower: 0,
      time: 1_700_000_000_000,
    };
    expect(toEquity(wire)).toStrictEqual({ ...wire });
  });
});
