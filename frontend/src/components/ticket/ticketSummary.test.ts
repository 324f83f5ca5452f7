import { OrderType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { emptyDraft } from "./ticketForm";
import { appliedPrice, ticketSummary } from "./ticketSummary";

const quote = { bid: 99.5, ask: 100.5 };
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
    expect(ticketSummary(market, quote, undefined).notional).toBe(1005);
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
    expect(ticketSummary(buy, quote, 5000)).toEqual({
      price: 100,
      notional: 1000,
      margin: 1000,
      buyingPowerAfter: 4000,
      risk: 50,
      reward: 150,
      rewardToRisk: 3,
    });
    const sell = { ...buy, side: Side.Sell, stopLoss: "110", takeProfit: "80" };
    expect(ticketSummary(sell, quote, undefined)).toMatchObject({
      risk: 100,
      reward: 200,
      rewardToRisk: 2,
    });
  });

  it("shows nothing it cannot know: no quantity, no quote", () => {
    expect(ticketSummary(draft({ qty: "" }), quote, 1)).toEqual({
      price: 100.5,
    });
    expect(ticketSummary(draft({}), undefined, 1)).toEqual({
      price: undefined,
    });
  });
});
