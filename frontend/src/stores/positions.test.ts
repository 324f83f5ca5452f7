import { Side } from "@tradewire/client";
import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";
import type { Position } from "../model/position";
import { usePositionsStore } from "./positions";

const position = (
  symbol: string,
  qty: number,
  unrealizedPl: number,
  updateTime = 1,
): Position => ({
  id: `pos-${symbol}`,
  symbol,
  qty,
  side: Side.Buy,
  avgPrice: 100,
  unrealizedPl,
  realizedPl: 0,
  updateTime,
});

describe("positions store", () => {
  beforeEach(() => setActivePinia(createPinia()));

  it("keeps one position per symbol, sorted, with the total unrealized P&L", () => {
    const store = usePositionsStore();
    store.apply(position("MSFT", 5, -2));
    store.apply(position("AAPL", 1, 10));
    store.apply(position("AAPL", 2, 12, 2));
    expect(store.list.map((p) => [p.symbol, p.qty])).toEqual([
      ["AAPL", 2],
      ["MSFT", 5],
    ]);
    expect(store.unrealizedPl).toBe(10);
  });

  it("drops a position once it is flat (qty 0)", () => {
    const store = usePositionsStore();
    store.apply(position("AAPL", 1, 0));
    store.apply(position("AAPL", 0, 0, 2));
    expect(store.list).toEqual([]);
  });
});
