import { Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { closingIntent, closingText } from "./closingIntent";
import type { Position } from "./position";

const long: Position = {
  id: "pos_btc",
  symbol: "BTCUSD",
  qty: 0.25,
  side: Side.Buy,
  avgPrice: 60_000,
  unrealizedPl: 0,
  realizedPl: 0,
  updateTime: 1,
};
const short: Position = {
  ...long,
  id: "pos_aapl",
  symbol: "AAPL",
  qty: 10,
  side: Side.Sell,
};
const qty = (n: number) => String(n);
const sell = (n: number, symbol = "BTCUSD") => ({
  symbol,
  side: Side.Sell,
  qty: n,
});

describe("closingIntent", () => {
  it("is null when the order opens or adds: no position, same side, another symbol", () => {
    expect(closingIntent(sell(0.25), undefined)).toBeNull();
    expect(closingIntent({ ...sell(0.25), side: Side.Buy }, long)).toBeNull();
    expect(closingIntent(sell(0.25, "ETHUSD"), long)).toBeNull();
    expect(closingIntent(sell(0.25), { ...long, qty: 0 })).toBeNull();
    expect(closingIntent(sell(0), long)).toBeNull();
  });

  it("closes at the position's size, reduces below it, reverses above it", () => {
    expect(closingIntent(sell(0.25), long)).toEqual({
      effect: "closes",
      position: long,
      closedQty: 0.25,
      remainder: 0,
    });
    expect(closingIntent(sell(0.1), long)).toEqual({
      effect: "reduces",
      position: long,
      closedQty: 0.1,
      remainder: 0.15,
    });
    expect(closingIntent(sell(0.4), long)).toEqual({
      effect: "reverses",
      position: long,
      closedQty: 0.25,
      remainder: 0.15,
    });
    expect(
      closingIntent({ symbol: "AAPL", side: Side.Buy, qty: 4 }, short),
    ).toMatchObject({ effect: "reduces", closedQty: 4, remainder: 6 });
  });

  it("does not mistake floating-point noise for a reversal", () => {
    const position = { ...long, qty: 0.3 };
    expect(closingIntent(sell(0.1 + 0.2), position)?.effect).toBe("closes");
  });

  it("says what the order does to the position", () => {
    const text = (n: number) => closingText(closingIntent(sell(n), long)!, qty);
    expect(text(0.25)).toBe("Closes 0.25 of your long 0.25 BTCUSD");
    expect(text(0.1)).toBe("Reduces your long 0.25 BTCUSD by 0.1 to 0.15");
    expect(text(0.4)).toBe("Reverses your long 0.25 BTCUSD to a short 0.15");
    expect(
      closingText(
        closingIntent({ symbol: "AAPL", side: Side.Buy, qty: 10 }, short)!,
        qty,
      ),
    ).toBe("Closes 10 of your short 10 AAPL");
  });
});
