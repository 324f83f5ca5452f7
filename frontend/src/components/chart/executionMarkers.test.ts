import { Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import type { Bar } from "../../model/bar";
import type { Execution } from "../../model/execution";
import { executionMarkers } from "./executionMarkers";
import { LINE_COLORS } from "./orderLineModel";

const MIN5 = 300_000;
const T = Date.UTC(2026, 10, 25, 15, 0, 0);
const bars: Bar[] = [0, 1, 2].map((i) => ({
  time: T + i * MIN5,
  open: 1,
  high: 1,
  low: 1,
  close: 1,
  volume: 1,
}));
const fill = (
  id: string,
  side: Side,
  time: number,
  symbol = "AAPL",
): Execution => ({
  id,
  sequence: 1,
  orderId: "ord_1",
  symbol,
  side,
  qty: 2,
  price: 1,
  commission: 0,
  time,
});

describe("executionMarkers", () => {
  it("marks each fill of the symbol on the bar it happened in: buys under, sells over", () => {
    const markers = executionMarkers(
      [
        fill("x3", Side.Sell, T + 2 * MIN5 + 10_000),
        fill("x1", Side.Buy, T + 59_000),
        fill("other", Side.Buy, T + 1, "MSFT"),
        fill("old", Side.Buy, T - 1),
      ],
      "AAPL",
      bars,
    );
    expect(markers).toEqual([
      {
        id: "x1",
        time: T / 1000,
        position: "belowBar",
        shape: "arrowUp",
        color: LINE_COLORS.buy.order,
        text: "B 2",
      },
      {
        id: "x3",
        time: (T + 2 * MIN5) / 1000,
        position: "aboveBar",
        shape: "arrowDown",
        color: LINE_COLORS.sell.order,
        text: "S 2",
      },
    ]);
  });
});
