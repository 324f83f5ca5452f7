import { describe, expect, it } from "vitest";
import {
  decodeMarketEvent,
  encodeMarketEvent,
  placeTrades,
  type MarketEvent,
} from "./market-message";

const MINUTE = 60_000;
const T = 29_400_000 * MINUTE;

const event: MarketEvent = {
  publishedAt: 1_700_000_000_123,
  fromMinute: T,
  fromIndex: 7,
  toMinute: T + MINUTE,
  toIndex: 2,
  prevClose: 101.25,
  trades: [
    { time: T + 58_000, price: 101.5, size: 0.25, side: 1 },
    { time: T + 59_900, price: 101.25, size: 1, side: -1 },
    { time: T + MINUTE + 100, price: 101.3, size: 2, side: 1 },
    { time: T + MINUTE + 900, price: 101.35, size: 0.5, side: -1 },
  ],
  closed: [
    {
      time: T,
      open: 100,
      high: 102,
      low: 99.5,
      close: 101.25,
      volume: 12.5,
      vwap: 100.9,
      trades: 9,
    },
  ],
};

describe("market events on the bus", () => {
  it("round-trips through JSON as one flat array of numbers", () => {
    const wire = encodeMarketEvent(event);
    expect(wire.every((v) => typeof v === "number")).toBe(true);
    expect(wire).toHaveLength(7 + 4 * 4 + 8);
    expect(decodeMarketEvent(JSON.parse(JSON.stringify(wire)))).toEqual(event);
  });

  it("identifies each trade by its minute and its index within the minute", () => {
    expect(
      placeTrades(event).map(({ minute, index }) => [minute, index]),
    ).toEqual([
      [T, 7],
      [T, 8],
      [T + MINUTE, 0],
      [T + MINUTE, 1],
    ]);
  });

  it("refuses what is not an event: wrong types, truncated trades, stray numbers", () => {
    const wire = encodeMarketEvent(event);
    expect(decodeMarketEvent({ trades: [] })).toBeNull();
    expect(decodeMarketEvent([1, 2, 3])).toBeNull();
    expect(decodeMarketEvent([...wire.slice(0, 6), "4"])).toBeNull();
    expect(decodeMarketEvent(wire.slice(0, 12))).toBeNull();
    expect(decodeMarketEvent([...wire, 1])).toBeNull();
    expect(decodeMarketEvent([...wire.slice(0, 6), -1, 0, 0])).toBeNull();
    expect(decodeMarketEvent([...wire.slice(0, 6), Number.NaN])).toBeNull();
  });
});
