import {
  OrderStatus,
  OrderType,
  Side,
  type ErrorBody,
} from "@tradewire/client";
import type { components } from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brokerCalls } from "../support/broker-calls";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { startTradingApp, type TradingApp } from "../support/trading-app";

type SymbolInfo = components["schemas"]["SymbolInfo"];

/**
 * The lot, point value and margin rate /symbols publishes are the ones the broker enforces, over
 * real HTTP on the real app and its simulated market (open on a Wednesday morning in New York;
 * the clock does not move, so quotes hold still between the calls).
 */
describe("published trading terms match the broker", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  let t: TradingApp;
  let alice: string;
  const { quote, place, equity } = brokerCalls(() => t);
  const info = async (symbol: string) =>
    (
      await t.request<SymbolInfo>(
        "GET",
        `/api/v1/datafeed/symbols?symbol=${symbol}`,
      )
    ).body;
  /** What the account holds as margin: equity minus buying power. */
  const held = async () => {
    const e = await equity(alice);
    return e.equity - e.buyingPower;
  };

  beforeAll(async () => {
    t = await startTradingApp({ clock });
    alice = await t.login("alice");
  });
  afterAll(() => t.close());

  it.each([
    ["AAPL", 1, 1, 0.5],
    ["EURUSD", 1000, 1, 1 / 30],
    ["BTCUSD", 0.0001, 1, 0.5],
    ["ESZ6", 1, 50, 0.05],
  ])(
    "%s: one lot is accepted, half a lot refused, and a fill holds qty × price × point value × rate",
    async (symbol, lot, pointValue, marginRate) => {
      const published = await info(symbol);
      expect({
        lot: published.lot_size,
        pointValue: published.point_value,
        marginRate: published.margin_rate,
      }).toEqual({ lot, pointValue, marginRate });

      const half = await place<ErrorBody>(alice, {
        symbol,
        type: OrderType.Market,
        side: Side.Buy,
        qty: published.lot_size / 2,
      });
      expect(half.status).toBe(400);
      expect(half.body).toMatchObject({ code: "INVALID_ORDER", field: "qty" });

      const before = await held();
      const { v } = await quote(symbol);
      const filled = await place(alice, {
        symbol,
        type: OrderType.Market,
        side: Side.Buy,
        qty: published.lot_size,
      });
      expect(filled.status).toBe(201);
      expect(filled.body.order.status).toBe(OrderStatus.Filled);
      // A long is marked at the bid, where a close would trade.
      const expected =
        published.lot_size *
        v.bid *
        published.point_value *
        published.margin_rate;
      expect(Math.abs((await held()) - before - expected)).toBeLessThanOrEqual(
        0.02,
      );
    },
  );
});
