import { OrderStatus, OrderType, ParentType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import type { Order } from "../../model/order";
import type { Position } from "../../model/position";
import {
  LINE_COLORS,
  limitLineId,
  lineModification,
  onTickGrid,
  orderLines,
} from "./orderLineModel";

const order = (over: Partial<Order>): Order => ({
  id: "ord_parent1",
  symbol: "AAPL",
  type: OrderType.Limit,
  side: Side.Buy,
  qty: 5,
  status: OrderStatus.Working,
  filledQty: 0,
  duration: "DAY",
  createTime: 1,
  updateTime: 1,
  ...over,
});

const parent = order({ limitPrice: 150, takeProfit: 170, stopLoss: 140 });
const tp = order({
  id: "ord_tp",
  side: Side.Sell,
  status: OrderStatus.Inactive,
  limitPrice: 170,
  parentId: parent.id,
  parentType: ParentType.Order,
});
const sl = order({
  id: "ord_sl",
  type: OrderType.Stop,
  side: Side.Sell,
  status: OrderStatus.Inactive,
  stopPrice: 140,
  parentId: parent.id,
  parentType: ParentType.Order,
});
const position: Position = {
  id: "pos_1",
  symbol: "AAPL",
  qty: 3,
  side: Side.Buy,
  avgPrice: 155.5,
  unrealizedPl: -12.5,
  realizedPl: 0,
  updateTime: 1,
};

describe("orderLines", () => {
  it("draws the symbol's open priced orders, its brackets tied to the parent and the position", () => {
    const other = order({ id: "ord_msft", symbol: "MSFT", limitPrice: 300 });
    const done = order({
      id: "ord_done",
      status: OrderStatus.Filled,
      limitPrice: 1,
    });
    const market = order({
      id: "ord_mkt",
      type: OrderType.Market,
      status: OrderStatus.Placing,
    });
    const stop = order({
      id: "ord_stp",
      type: OrderType.Stop,
      side: Side.Sell,
      qty: 2,
      filledQty: 0,
      stopPrice: 120,
    });
    const lines = orderLines(
      [parent, tp, sl, other, done, market, stop],
      position,
      "AAPL",
    );
    expect(
      lines.map((l) => [l.id, l.kind, l.price, l.label, l.color, l.draggable]),
    ).toEqual([
      ["ord_parent1", "order", 150, "BUY LMT 5", LINE_COLORS.buy.order, true],
      ["ord_tp", "tp", 170, "TP 5 #pare", LINE_COLORS.buy.tp, true],
      ["ord_sl", "sl", 140, "SL 5 #pare", LINE_COLORS.buy.sl, true],
      ["ord_stp", "order", 120, "SELL STP 2", LINE_COLORS.sell.order, true],
      ["pos_1", "position", 155.5, "LONG 3 -12.50", LINE_COLORS.loss, false],
    ]);
    expect(lines.find((l) => l.id === "ord_tp")?.parentId).toBe(parent.id);
  });

  it("labels with the quantity still to fill and colours a winning position green", () => {
    const partly = order({ qty: 10, filledQty: 4, limitPrice: 150 });
    const winning = { ...position, side: Side.Sell, unrealizedPl: 30 };
    const lines = orderLines([partly], winning, "AAPL");
    expect(lines.map((l) => [l.label, l.color])).toEqual([
      ["BUY LMT 6", LINE_COLORS.buy.order],
      ["SHORT 3 +30.00", LINE_COLORS.profit],
    ]);
  });

  it("draws a stop-limit order's stop and its limit, each draggable and labelled by its leg", () => {
    const stopLimit = order({
      id: "ord_sl1",
      type: OrderType.StopLimit,
      qty: 5,
      stopPrice: 160,
      limitPrice: 161.5,
    });
    const lines = orderLines([stopLimit], undefined, "AAPL");
    expect(
      lines.map((l) => [
        l.id,
        l.orderId,
        l.leg,
        l.kind,
        l.price,
        l.label,
        l.color,
        l.draggable,
      ]),
    ).toEqual([
      [
        "ord_sl1",
        "ord_sl1",
        "stop",
        "order",
        160,
        "BUY STP-LMT 5 stop",
        LINE_COLORS.buy.order,
        true,
      ],
      [
        "ord_sl1:limit",
        "ord_sl1",
        "limit",
        "order",
        161.5,
        "BUY STP-LMT 5 limit",
        LINE_COLORS.buy.order,
        true,
      ],
    ]);
    expect(limitLineId("ord_sl1")).toBe("ord_sl1:limit");
    // A plain stop or limit order keeps one line, without a leg.
    const [plain] = orderLines([parent], undefined, "AAPL");
    expect([plain?.id, plain?.orderId, plain?.leg]).toEqual([
      parent.id,
      parent.id,
      undefined,
    ]);
  });

  it("ties brackets of a position to the position, in the position's colours", () => {
    const child = order({
      id: "ord_c",
      side: Side.Buy,
      limitPrice: 120,
      parentId: "pos_1",
      parentType: ParentType.Position,
    });
    const short = { ...position, side: Side.Sell };
    const [line] = orderLines([child], short, "AAPL");
    expect([line?.label, line?.color]).toEqual([
      "TP 5 position",
      LINE_COLORS.sell.tp,
    ]);
  });
});

describe("lineModification", () => {
  it("moves a working order's limit or a stop order's stop, with the notional at the new price", () => {
    expect(lineModification(parent, 149.5, undefined)).toEqual({
      orderId: parent.id,
      changes: { limitPrice: 149.5 },
      notional: 747.5,
    });
    const stop = order({ type: OrderType.Stop, stopPrice: 160 });
    expect(lineModification(stop, 161, undefined)?.changes).toEqual({
      stopPrice: 161,
    });
    expect(lineModification(parent, 150, undefined)).toBeNull();
  });

  it("moves a stop-limit's stop with its stop line and its limit with its limit line, valued at the limit", () => {
    const stopLimit = order({
      type: OrderType.StopLimit,
      qty: 2,
      stopPrice: 160,
      limitPrice: 161,
    });
    expect(lineModification(stopLimit, 158, undefined, "stop")).toEqual({
      orderId: stopLimit.id,
      changes: { stopPrice: 158 },
      notional: 322,
    });
    expect(lineModification(stopLimit, 163, undefined, "limit")).toEqual({
      orderId: stopLimit.id,
      changes: { limitPrice: 163 },
      notional: 326,
    });
    // Where its line already is, nothing changes; the stop's price does not stop the limit moving.
    expect(lineModification(stopLimit, 161, undefined, "limit")).toBeNull();
    expect(lineModification(stopLimit, 160, undefined, "stop")).toBeNull();
    expect(
      lineModification(stopLimit, 160, undefined, "limit")?.changes,
    ).toEqual({ limitPrice: 160 });
  });

  it("moves a bracket through its working parent, and the child itself once the parent filled", () => {
    expect(lineModification(tp, 175, parent)).toEqual({
      orderId: parent.id,
      changes: { takeProfit: 175 },
      notional: 875,
    });
    expect(lineModification(sl, 138, parent)?.changes).toEqual({
      stopLoss: 138,
    });
    const filled = { ...parent, status: OrderStatus.Filled, filledQty: 5 };
    expect(
      lineModification({ ...sl, status: OrderStatus.Working }, 138, filled),
    ).toEqual({
      orderId: "ord_sl",
      changes: { stopPrice: 138 },
      notional: 690,
    });
  });

  it("puts a dragged price on the symbol's tick grid", () => {
    expect(onTickGrid(150.1234, 0.01, 2)).toBe(150.12);
    expect(onTickGrid(4501.13, 0.25, 2)).toBe(4501.25);
  });
});
