import { OrderType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { emptyDraft } from "./ticketForm";
import { appliedPrice, ticketSummary } from "./ticketSummary";

const quote = { bid: 99.5, ask: 100.5 };
const STOCK = { pointValue: 1, marginRate: 0.5 };
const ES = { pointValue: 50, marginRate: 0.05 };
const draft = (patch: Partial<ReturnType<typeof emptyDraft>>) => ({
  ...emptyDraft(),
  qty: "10",
  ...patch,
});

describe("ticket summary", () => {
  it("values a market order at the ask for a buy and the bid for a sell, whatever price was typed before", () => {
    const market = draft({ limitPrice: "90", stopPrice: "80" });
    expect(appliedPrice(market, quote)).toBe(100.5);
    expect(appliedPrice({ ...market, side: Side.Sell }, quote)).toBe(99.5);
    expect(ticketSummary(market, quote, STOCK, undefined).notional).toBe(1005);
  });

  it("values limit and stop-limit at the limit, stop at the stop", () => {
    const prices = { limitPrice: "90", stopPrice: "80" };
    expect(
      appliedPrice(draft({ ...prices, type: OrderType.Limit }), quote),
    ).toBe(90);
    expect(
      appliedPrice(draft({ ...prices, type: OrderType.StopLimit }), quote),
    ).toBe(90);
    expect(
      appliedPrice(draft({ ...prices, type: OrderType.Stop }), quote),
    ).toBe(80);
    expect(
      appliedPrice(draft({ type: OrderType.Limit }), quote),
    ).toBeUndefined();
  });

  it("gives margin, buying power after, and a bracket's risk, reward and ratio for either side", () => {
    const buy = draft({
      type: OrderType.Limit,
      limitPrice: "100",
      stopLoss: "95",
      takeProfit: "115",
    });
    expect(ticketSummary(buy, quote, STOCK, 5000)).toEqual({
      price: 100,
      notional: 1000,
      margin: 500,
      buyingPowerAfter: 4500,
      risk: 50,
      reward: 150,
      rewardToRisk: 3,
    });
    const sell = { ...buy, side: Side.Sell, stopLoss: "110", takeProfit: "80" };
    expect(ticketSummary(sell, quote, STOCK, undefined)).toMatchObject({
      risk: 100,
      reward: 200,
      rewardToRisk: 2,
    });
  });

  it("values a futures contract at its point value and margins it at its rate", () => {
    const es = draft({
      qty: "2",
      type: OrderType.Limit,
      limitPrice: "6000",
      stopLoss: "5990",
    });
    // 2 contracts × 6,000 × 50 = 600,000 notional; 5 % of it is margin; 10 points × 2 × 50 at risk.
    expect(ticketSummary(es, quote, ES, 100_000)).toEqual({
      price: 6000,
      notional: 600_000,
      margin: 30_000,
      buyingPowerAfter: 70_000,
      risk: 1000,
    });
  });

  it("margins FX at a thirtieth of the notional", () => {
    const fx = draft({ qty: "3000", type: OrderType.Limit, limitPrice: "1.2" });
    const summary = ticketSummary(
      fx,
      quote,
      { pointValue: 1, marginRate: 1 / 30 },
      1000,
    );
    expect(summary.notional).toBeCloseTo(3600, 9);
    expect(summary.margin).toBeCloseTo(120, 9);
    expect(summary.buyingPowerAfter).toBeCloseTo(880, 9);
  });

  it("shows nothing it cannot know: no quantity, no quote, no symbol terms", () => {
    expect(ticketSummary(draft({ qty: "" }), quote, STOCK, 1)).toEqual({
      price: 100.5,
    });
    expect(ticketSummary(draft({}), undefined, STOCK, 1)).toEqual({
      price: undefined,
    });
    expect(ticketSummary(draft({}), quote, undefined, 1)).toEqual({
      price: 100.5,
    });
  });
});
