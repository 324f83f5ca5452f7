import { describe, expect, it } from "vitest";
import { toIndicatorPoint } from "./indicator";
import {
  cleanParams,
  defaultParams,
  INDICATORS,
  studyLabel,
} from "./indicatorCatalog";

describe("indicator model", () => {
  it("maps a value with its lines, keeping 0 and dropping what is not a finite number", () => {
    expect(
      toIndicatorPoint({
        time: 60_000,
        closed: false,
        lines: { macd: 0, signal: -1.5, histogram: 1.5 },
      }),
    ).toEqual({
      time: 60_000,
      closed: false,
      lines: { macd: 0, signal: -1.5, histogram: 1.5 },
    });
  });

  it("knows all ten kinds: five overlays on the price pane, five oscillators below", () => {
    expect(INDICATORS.map((s) => s.kind).sort()).toEqual([
      "atr",
      "bollinger",
      "ema",
      "macd",
      "obv",
      "rsi",
      "sma",
      "stochastic",
      "vwap",
      "wma",
    ]);
    expect(
      INDICATORS.filter((s) => s.placement === "overlay")
        .map((s) => s.kind)
        .sort(),
    ).toEqual(["bollinger", "ema", "sma", "vwap", "wma"]);
  });

  it("gives the spec's defaults and labels", () => {
    expect(defaultParams("stochastic")).toEqual({ period: 14, signal: 3 });
    expect(defaultParams("obv")).toEqual({});
    expect(studyLabel("macd", defaultParams("macd"))).toBe("MACD 12 26 9");
    expect(
      studyLabel("bollinger", { period: 20, stdDev: 2.5, source: "hlc3" }),
    ).toBe("Bollinger Bands 20 2.5 hlc3");
  });

  it("cleans parameters the server would refuse", () => {
    expect(
      cleanParams("sma", { period: 0.4, source: "typical" as never }),
    ).toEqual({ period: 1 });
    expect(cleanParams("atr", { period: Number.NaN, source: "close" })).toEqual(
      { period: 14 },
    );
  });
});
