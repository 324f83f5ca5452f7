import { describe, expect, it } from "vitest";
import { createIndicator, type IndicatorLines } from "./index";
import type { IndicatorKind, IndicatorParams, OhlcvBar } from "./types";

// Small series worked out by hand: the definitions in docs/indicators.md, value by value.
const bar = (close: number, extra: Partial<OhlcvBar> = {}): OhlcvBar => ({
  time: 0,
  open: close,
  high: close,
  low: close,
  close,
  volume: 1,
  ...extra,
});

function pushAll(
  kind: IndicatorKind,
  params: IndicatorParams,
  bars: OhlcvBar[],
) {
  const indicator = createIndicator(kind, params);
  return bars.map((b) => indicator.push(b));
}

const values = (series: (IndicatorLines | null)[]) =>
  series.map((p) => p?.value ?? null);

describe("indicator definitions on hand-worked series", () => {
  it("each kind's lines and warm-up with default params", () => {
    const expected: Record<IndicatorKind, [string[], number]> = {
      sma: [["value"], 20],
      ema: [["value"], 20],
      wma: [["value"], 20],
      rsi: [["value"], 15],
      macd: [["macd", "signal", "histogram"], 26],
      bollinger: [["upper", "middle", "lower"], 20],
      atr: [["value"], 14],
      stochastic: [["k", "d"], 16],
      vwap: [["value"], 1],
      obv: [["value"], 1],
    };
    for (const [kind, [lines, warmup]] of Object.entries(expected)) {
      const indicator = createIndicator(kind as IndicatorKind, {});
      expect([indicator.lines, indicator.warmup]).toEqual([lines, warmup]);
    }
  });

  it("sma, ema (seeded with the sma, alpha 2/(n+1)) and wma (weights 1..n) over 1..5", () => {
    const bars = [1, 2, 3, 4, 5].map((c) => bar(c));
    expect(values(pushAll("sma", { period: 3 }, bars))).toEqual([
      null,
      null,
      2,
      3,
      4,
    ]);
    expect(values(pushAll("ema", { period: 3 }, bars))).toEqual([
      null,
      null,
      2,
      3,
      4,
    ]);
    const wma = values(pushAll("wma", { period: 3 }, bars));
    expect(wma.slice(0, 2)).toEqual([null, null]);
    expect(wma[2]).toBeCloseTo(14 / 6, 12);
    expect(wma[4]).toBeCloseTo((3 + 8 + 15) / 6, 12);
    const ema = values(
      pushAll(
        "ema",
        { period: 3 },
        [1, 2, 3, 10].map((c) => bar(c)),
      ),
    );
    expect(ema[3]).toBe(2 + (10 - 2) * 0.5);
  });

  it("the source param picks the price: hl2, hlc3, ohlc4, open", () => {
    const b = bar(4, { open: 1, high: 6, low: 2 });
    const first = (source: IndicatorParams["source"]) =>
      pushAll("sma", { period: 1, source }, [b])[0]?.value;
    expect([
      first("hl2"),
      first("hlc3"),
      first("ohlc4"),
      first("open"),
    ]).toEqual([4, 4, 13 / 4, 1]);
  });

  it("rsi: Wilder averages seeded with simple means, first value at bar `period`", () => {
    const rsi = values(
      pushAll(
        "rsi",
        { period: 2 },
        [10, 11, 10.5, 12].map((c) => bar(c)),
      ),
    );
    // gains 1, 0, 1.5 and losses 0, 0.5, 0: seeds 0.5/0.25 (RS 2), then 1/0.125 (RS 8)
    expect(rsi[0]).toBeNull();
    expect(rsi[1]).toBeNull();
    expect(rsi[2]).toBeCloseTo(100 - 100 / 3, 12);
    expect(rsi[3]).toBeCloseTo(100 - 100 / 9, 12);
  });

  it("rsi with period 1 is 100 on a rise or no change and 0 on a fall", () => {
    const rsi = values(
      pushAll(
        "rsi",
        { period: 1 },
        [5, 6, 6, 4, 7].map((c) => bar(c)),
      ),
    );
    expect(rsi).toEqual([null, 100, 100, 0, 100]);
  });

  it("macd carries macd alone until the signal exists, then all three lines", () => {
    const bars = [1, 2, 3, 4, 5, 6].map((c) => bar(c));
    const macd = pushAll("macd", { fast: 1, slow: 2, signal: 2 }, bars);
    // ema(1) = price; ema(2) seeds at 1.5 then moves 2/3 of the way: macd 0.5 throughout
    expect(macd[0]).toBeNull();
    expect(macd[1]).toEqual({ macd: 0.5 });
    expect(macd[2]?.macd).toBeCloseTo(0.5, 12);
    expect(macd[2]?.signal).toBeCloseTo(0.5, 12);
    expect(macd[2]?.histogram).toBeCloseTo(0, 12);
  });

  it("bollinger: middle sma, bands at stdDev population standard deviations", () => {
    const bands = pushAll(
      "bollinger",
      { period: 3, stdDev: 2 },
      [1, 2, 3].map((c) => bar(c)),
    );
    const sigma = Math.sqrt(2 / 3);
    expect(bands[2]?.middle).toBeCloseTo(2, 12);
    expect(bands[2]?.upper).toBeCloseTo(2 + 2 * sigma, 12);
    expect(bands[2]?.lower).toBeCloseTo(2 - 2 * sigma, 12);
  });

  it("atr: the first true range is high − low, then gaps count, Wilder-smoothed", () => {
    const bars = [
      bar(10, { high: 11, low: 9 }), // TR 2
      bar(14, { high: 15, low: 13 }), // TR max(2, 5, 3) = 5
      bar(13, { high: 14, low: 12 }), // TR max(2, 0, 2) = 2
    ];
    expect(values(pushAll("atr", { period: 2 }, bars))).toEqual([
      null,
      3.5,
      2.75,
    ]);
  });

  it("stochastic: k within the period's range, 50 when the range is flat, d the sma of k", () => {
    const flat = [5, 5, 5].map((c) => bar(c));
    expect(pushAll("stochastic", { period: 2, signal: 2 }, flat)).toEqual([
      null,
      null,
      { k: 50, d: 50 },
    ]);
    const bars = [
      bar(10, { high: 10, low: 8 }),
      bar(12, { high: 12, low: 9 }), // range 8..12: k 100
      bar(9, { high: 12, low: 8 }), // range 8..12: k 25
    ];
    expect(pushAll("stochastic", { period: 2, signal: 2 }, bars)[2]).toEqual({
      k: 25,
      d: 62.5,
    });
  });

  it("obv: 0 on the first bar, then ± volume as the close rises or falls, unchanged when equal", () => {
    const bars = [10, 11, 11, 9].map((c, i) =>
      bar(c, { volume: (i + 1) * 100 }),
    );
    expect(values(pushAll("obv", {}, bars))).toEqual([0, 200, 200, -200]);
  });
});
