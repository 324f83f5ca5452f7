import type { AlertRule, Bar } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import type {
  BarStreamEvent,
  TradePrint,
} from "../../../../contracts/bar-streams";
import type { AlertCondition } from "../model";
import { ArmedRule, type RuleOutcomes } from "./armed-rule";
import { readerOf } from "./conditions";
import { SharedStream } from "./stream-hub";
import { StreamState } from "./stream-state";

const MIN = 60_000;

/** A stream fed by hand, one rule on it; answers the trades that fired it, with the figure. */
function harness(
  condition: AlertCondition,
  rule: Partial<AlertRule> = {},
  history: Bar[] = [],
) {
  const shared = new SharedStream("T|1", new StreamState({}));
  const fired: { time: number; price: number; value?: number }[] = [];
  const expired: number[] = [];
  const outcomes: RuleOutcomes = {
    fire: (armed, state, reading) => {
      const trade = state.trade as TradePrint;
      fired.push({
        time: trade.time,
        price: trade.price,
        ...(reading.value !== undefined ? { value: reading.value } : {}),
      });
      armed.stored = {
        ...armed.stored,
        rule: { ...armed.rule, lastFiredAt: trade.time },
      };
      if (!armed.rule.repeat) armed.live = false;
    },
    expire: (armed) => {
      expired.push(armed.rule.id.length);
      armed.live = false;
    },
  };
  const stored = {
    accountId: "a",
    version: 1,
    rule: {
      id: "r",
      name: "n",
      condition,
      repeat: false,
      cooldownSeconds: 60,
      status: "active" as const,
      createdAt: 0,
      updatedAt: 0,
      fireCount: 0,
      ...rule,
    },
  };
  shared.started({ history, forming: null, stop: () => undefined });
  shared.watchers.add(
    new ArmedRule(stored, readerOf(condition, shared.state), outcomes),
  );
  /** Trades at one-second steps inside bar `barTime`, as one event. */
  const trades = (
    barTime: number,
    prices: number[],
    size = 1,
    closed: Bar[] = [],
  ): void => {
    const list = prices.map((price, i) => ({
      time: barTime + i * 1000,
      price,
      size,
    }));
    const forming: Bar = {
      time: barTime,
      open: prices[0] ?? 0,
      high: Math.max(...prices),
      low: Math.min(...prices),
      close: prices.at(-1) ?? 0,
      volume: size * prices.length,
    };
    const event: BarStreamEvent = { trades: list, closed, forming };
    shared.receive(event);
  };
  return { fired, expired, trades };
}

const bar = (time: number, close: number, volume = 10): Bar => ({
  time,
  open: close,
  high: close,
  low: close,
  close,
  volume,
});

describe("rule evaluation on a stream's trades", () => {
  it("price-cross fires on the first trade at or above the level after one below, once", () => {
    const h = harness({
      type: "price-cross",
      symbol: "T",
      direction: "above",
      level: 100,
    });
    h.trades(0, [101, 99, 99.5, 100, 102, 98, 101]);
    expect(h.fired).toEqual([{ time: 3000, price: 100 }]);
  });

  it("the first trade after arming only sets the side", () => {
    const h = harness({
      type: "price-cross",
      symbol: "T",
      direction: "below",
      level: 100,
    });
    h.trades(0, [99, 98, 101, 100]);
    expect(h.fired).toEqual([{ time: 3000, price: 100 }]);
  });

  it("a repeating rule fires again on a new crossing only after its cooldown", () => {
    const h = harness(
      { type: "price-cross", symbol: "T", direction: "above", level: 100 },
      { repeat: true, cooldownSeconds: 5 },
    );
    h.trades(0, [99, 101, 99, 101, 99, 99, 99, 101]);
    expect(h.fired.map((f) => f.time)).toEqual([1000, 7000]);
  });

  it("price-channel enters and leaves", () => {
    const enters = harness({
      type: "price-channel",
      symbol: "T",
      direction: "enters",
      lower: 10,
      upper: 20,
    });
    enters.trades(0, [5, 9, 10, 15, 25, 20]);
    expect(enters.fired.map((f) => f.price)).toEqual([10]);
    const leaves = harness({
      type: "price-channel",
      symbol: "T",
      direction: "leaves",
      lower: 10,
      upper: 20,
    });
    leaves.trades(0, [15, 20, 20.5, 15, 9]);
    expect(leaves.fired.map((f) => f.price)).toEqual([20.5]);
  });

  it("price-move compares with the window's low (up) and forgets trades older than the window", () => {
    const h = harness(
      {
        type: "price-move",
        symbol: "T",
        direction: "up",
        percent: 10,
        windowSeconds: 3,
      },
      { repeat: true, cooldownSeconds: 0 },
    );
    // 100 at 0s leaves the 3 s window before 110 at 4s; 100 at 5s .. 110 at 7s is a 10% rise.
    h.trades(0, [100, 101, 102, 103, 110, 100, 105, 110]);
    expect(h.fired).toEqual([{ time: 7000, price: 110, value: 10 }]);
  });

  it("volume-spike fires when the forming bar's volume reaches factor x the average of the last lookback bars", () => {
    const h = harness(
      {
        type: "volume-spike",
        symbol: "T",
        resolution: "1",
        factor: 2,
        lookback: 3,
      },
      { repeat: true, cooldownSeconds: 0 },
      [bar(-3 * MIN, 1, 10), bar(-2 * MIN, 1, 20), bar(-MIN, 1, 30)],
    );
    // average 20: the 40th unit of volume fires, trades of 5 each -> the 8th trade.
    h.trades(
      0,
      Array.from({ length: 10 }, () => 1),
      5,
    );
    expect(h.fired).toEqual([{ time: 7000, price: 1, value: 40 }]);
  });

  it("indicator-cross reads the forming bar's value at each trade (SMA 3 of closes)", () => {
    const h = harness(
      {
        type: "indicator-cross",
        symbol: "T",
        resolution: "1",
        indicator: { kind: "sma", params: { period: 3 } },
        line: "value",
        direction: "above",
        level: 100,
      },
      {},
      [bar(-2 * MIN, 90), bar(-MIN, 90)],
    );
    // SMA = (90 + 90 + close) / 3 >= 100 once close >= 120.
    h.trades(0, [100, 110, 119.99, 120, 130]);
    expect(h.fired).toEqual([{ time: 3000, price: 120, value: 100 }]);
  });

  it("trades of an event spanning a bar close are read in their own bars", () => {
    // Bar 0 gets 2 trades of 1, closes, then bar 1 opens with 2 more trades of 1 each.
    const event: BarStreamEvent = {
      trades: [
        { time: 1000, price: 1, size: 1 },
        { time: 2000, price: 1, size: 1 },
        { time: MIN + 1000, price: 1, size: 1 },
        { time: MIN + 2000, price: 1, size: 1 },
      ],
      closed: [{ time: 0, open: 1, high: 1, low: 1, close: 1, volume: 2 }],
      forming: { time: MIN, open: 1, high: 1, low: 1, close: 1, volume: 2 },
    };
    const s = new SharedStream("x", new StreamState({}));
    s.started({
      history: [bar(-MIN, 1, 3)],
      forming: null,
      stop: () => undefined,
    });
    const seen: [number, number][] = [];
    s.watchers.add({
      onTrade: (state) =>
        seen.push([state.forming?.time ?? -1, state.forming?.volume ?? -1]),
    });
    s.receive(event);
    expect(seen).toEqual([
      [0, 1],
      [0, 2],
      [MIN, 1],
      [MIN, 2],
    ]);
    expect(s.state.averageVolume(2)).toBe(2.5);
  });

  it("a rule past its expiry expires at the next trade instead of firing", () => {
    const h = harness(
      { type: "price-cross", symbol: "T", direction: "above", level: 100 },
      { expiresAt: 2000 },
    );
    h.trades(0, [99, 99, 101]);
    expect(h.fired).toEqual([]);
    expect(h.expired).toHaveLength(1);
  });
});
