import type { Bar } from "@tradewire/client";
import type { TradePrint } from "../../src/contracts/bar-streams";
import { createIndicator } from "../../src/modules/analytics/indicators/math";
import type { AlertCondition, Tape } from "../support/alert-calls";

const MIN = 60_000;
const cents = (n: number) => Math.round(n * 100) / 100;

/** One rule under test, with the spec's reading of its condition at each trade of a tape. */
export interface Case {
  readonly name: string;
  readonly condition: AlertCondition;
  readonly repeat?: boolean;
  readonly cooldownSeconds?: number;
  readonly expiresAt?: number;
  /** Whether the condition holds at trade i of the tape (null: not readable yet). */
  readonly holds: (i: number) => boolean | null;
  /** The figure the event carries at trade i. */
  readonly value?: (i: number) => number;
}

/** The rules under test, their levels set around what the tape saw before arming. */
export function buildCases(tape: Tape, now: number): Case[] {
  const trades = tape.trades;
  const price = (i: number) => (trades[i] as TradePrint).price;
  const p = tape.last.price;
  const { low, high } = tape.range();
  const span = Math.max(high - low, p * 0.0005);
  const above = cents(p + span / 3);
  const below = cents(p - span / 4);
  const band = { lower: cents(p - span / 3), upper: cents(p + span / 3) };
  const minute = (i: number) =>
    Math.floor((trades[i] as TradePrint).time / MIN) * MIN;
  const closedBefore = (i: number) =>
    tape.closed.filter((b) => b.time < minute(i));
  const formingVolume = (i: number) =>
    trades
      .slice(0, i + 1)
      .filter((tr) => tr.time >= minute(i))
      .reduce((v, tr) => v + tr.size, 0);
  const averageVolume = (i: number) => {
    const last = closedBefore(i).slice(-5);
    return last.length < 5 ? null : last.reduce((v, b) => v + b.volume, 0) / 5;
  };
  const sma = (i: number) => {
    const closes = closedBefore(i)
      .slice(-4)
      .map((b) => b.close);
    return (closes.reduce((a, b) => a + b, 0) + price(i)) / 5;
  };
  const macd = macdReadings(tape, trades.length);
  const windowMs = 60_000;
  const armedAt = trades.length;
  const move = (i: number) => {
    const t = (trades[i] as TradePrint).time;
    const inWindow = trades
      .slice(armedAt, i + 1)
      .filter((tr) => tr.time > t - windowMs)
      .map((tr) => tr.price);
    const lo = Math.min(...inWindow);
    const hi = Math.max(...inWindow);
    return {
      rise: ((price(i) - lo) / lo) * 100,
      fall: ((hi - price(i)) / hi) * 100,
    };
  };
  const smaLevel = cents(sma(trades.length - 1) + span / 4);
  const movePercent = Math.max(
    0.001,
    cents((((span / p) * 100) / 4) * 100) / 100,
  );
  return [
    {
      name: "one-shot above",
      condition: {
        type: "price-cross",
        symbol: "BTCUSD",
        direction: "above",
        level: above,
      },
      holds: (i) => price(i) >= above,
    },
    {
      name: "repeating below, 120 s cooldown",
      condition: {
        type: "price-cross",
        symbol: "BTCUSD",
        direction: "below",
        level: below,
      },
      repeat: true,
      cooldownSeconds: 120,
      holds: (i) => price(i) <= below,
    },
    {
      name: "enters channel",
      condition: {
        type: "price-channel",
        symbol: "BTCUSD",
        direction: "enters",
        lower: above,
        upper: cents(above + span),
      },
      holds: (i) => price(i) >= above && price(i) <= cents(above + span),
    },
    {
      name: "leaves channel, repeating",
      condition: {
        type: "price-channel",
        symbol: "BTCUSD",
        direction: "leaves",
        ...band,
      },
      repeat: true,
      holds: (i) => !(price(i) >= band.lower && price(i) <= band.upper),
    },
    {
      name: "moves either way",
      condition: {
        type: "price-move",
        symbol: "BTCUSD",
        direction: "either",
        percent: movePercent,
        windowSeconds: windowMs / 1000,
      },
      repeat: true,
      holds: (i) => {
        const { rise, fall } = move(i);
        return rise >= movePercent || fall >= movePercent;
      },
    },
    {
      name: "volume spike",
      condition: {
        type: "volume-spike",
        symbol: "BTCUSD",
        resolution: "1",
        factor: 1.2,
        lookback: 5,
      },
      repeat: true,
      holds: (i) => {
        const average = averageVolume(i);
        return average === null || average <= 0
          ? null
          : formingVolume(i) >= 1.2 * average;
      },
      value: formingVolume,
    },
    {
      name: "SMA 5 above",
      condition: {
        type: "indicator-cross",
        symbol: "BTCUSD",
        resolution: "1",
        indicator: { kind: "sma", params: { period: 5 } },
        line: "value",
        direction: "above",
        level: smaLevel,
      },
      repeat: true,
      holds: (i) => sma(i) >= smaLevel,
      value: sma,
    },
    {
      name: "expires after 4 minutes",
      condition: {
        type: "price-channel",
        symbol: "BTCUSD",
        direction: "leaves",
        ...band,
      },
      repeat: true,
      expiresAt: now + 4 * MIN,
      holds: (i) => !(price(i) >= band.lower && price(i) <= band.upper),
    },
    {
      name: "MACD crosses its signal",
      condition: {
        type: "indicator-cross",
        symbol: "BTCUSD",
        resolution: "1",
        indicator: { kind: "macd" },
        line: "macd",
        direction: "above",
        otherLine: "signal",
      },
      repeat: true,
      holds: (i) => {
        const lines = macd(i);
        return lines ? (lines.macd ?? 0) >= (lines.signal ?? 0) : null;
      },
      value: (i) => macd(i)?.macd ?? NaN,
    },
  ];
}

/**
 * MACD (12, 26, 9) on the forming minute as of each trade from `armedAt` on, worked out from the
 * tape's bars and trades with the indicator engine: closed bars pushed, the forming bar peeked.
 * Read on as far as the tape has grown when asked.
 */
function macdReadings(tape: Tape, armedAt: number) {
  const readings: (Record<string, number> | null)[] = [];
  const indicator = createIndicator("macd", {});
  let nextBar = 0;
  let forming: Bar | undefined;
  const step = (i: number): void => {
    const trade = tape.trades[i] as TradePrint;
    const minute = Math.floor(trade.time / MIN) * MIN;
    while (
      nextBar < tape.closed.length &&
      (tape.closed[nextBar] as Bar).time < minute
    )
      indicator.push(tape.closed[nextBar++] as Bar);
    const { price, size } = trade;
    forming =
      forming?.time === minute
        ? {
            time: minute,
            open: forming.open,
            high: Math.max(forming.high, price),
            low: Math.min(forming.low, price),
            close: price,
            volume: forming.volume + size,
          }
        : {
            time: minute,
            open: price,
            high: price,
            low: price,
            close: price,
            volume: size,
          };
    readings[i] = i >= armedAt ? indicator.peek(forming) : null;
  };
  return (index: number): Record<string, number> | null => {
    for (let i = readings.length; i <= index; i++) step(i);
    return readings[index] ?? null;
  };
}
