import { Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import type { Position_Ws_Backend } from "../clients/ws-types-generated";
import { toPosition } from "./position";

describe("toPosition", () => {
  const wire: Position_Ws_Backend = {
    id: "pos-AAPL",
    symbol: "AAPL",
    qty: 10,
    side: Side.Sell,
    avgPrice: 190,
    lastPrice: 189,
    unrealizedPl: 10,
    realizedPl: -2.5,
    updateTime: 1_700_000_000_000,
  };

  it("maps every field", () => {
    expect(toPosition(wire)).toStrictEqual({ ...wire });
  });

  it("leaves lastPrice absent when the server has not marked it, and keeps 0 elsewhere", () => {
    const { lastPrice: _l, ...unmarked } = wire;
    const flat = toPosition({
      ...unmarked,
      qty: 0,
      unrealizedPl: 0,
      realizedPl: 0,
    });
    expect(flat).not.toHaveProperty("lastPrice");
    expect(flat).toMatchObject({ qty: 0, unrealizedPl: 0, realizedPl: 0 });
    expect(toPosition({ ...wire, lastPrice: 0 }).lastPrice).toBe(0);
  });

  it.each(Object.values(Side))("passes side %d through", (side) => {
    expect(toPosition({ ...wire, side }).side).toBe(side);
  });
});
