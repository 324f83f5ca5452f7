import { describe, expect, it } from "vitest";
import type { Bar_Ws_Backend } from "../clients/ws-types-generated";
import { toBar, toBarPage } from "./bar";

describe("toBar", () => {
  it("maps every field of the channel's Bar, time staying in milliseconds", () => {
    const wire: Bar_Ws_Backend = {
      time: 1_764_000_000_000,
      open: 189.1,
      high: 190.25,
      low: 188.9,
      close: 190.05,
      volume: 12_400,
    };
    expect(toBar(wire)).toStrictEqual({ ...wire });
  });

  it("carries the session VWAP and the gap-filled flag when the wire has them", () => {
    const wire = {
      time: 1_764_000_000_000,
      open: 5,
      high: 5,
      low: 5,
      close: 5,
      volume: 0,
      vwap: 4.75,
      filled: true as const,
    };
    expect(toBar(wire)).toStrictEqual({ ...wire });
    expect(toBar({ ...wire, vwap: 0 }).vwap).toBe(0);
  });

  it("keeps zeros as values", () => {
    const wire = { time: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
    expect(toBar(wire)).toStrictEqual(wire);
  });
});

describe("toBarPage", () => {
  it("turns UDF parallel arrays in seconds into bars in milliseconds", () => {
    const page = toBarPage({
      s: "ok",
      t: [1_764_000_000, 1_764_000_060],
      o: [1, 2],
      h: [3, 4],
      l: [0.5, 1.5],
      c: [2, 3],
      v: [10, 0],
    });
    expect(page).toStrictEqual({
      noData: false,
      bars: [
        {
          time: 1_764_000_000_000,
          open: 1,
          high: 3,
          low: 0.5,
          close: 2,
          volume: 10,
        },
        {
          time: 1_764_000_060_000,
          open: 2,
          high: 4,
          low: 1.5,
          close: 3,
          volume: 0,
        },
      ],
    });
  });

  it("reads no_data with and without nextTime", () => {
    expect(toBarPage({ s: "no_data", nextTime: 1_700_000_000 })).toStrictEqual({
      bars: [],
      noData: true,
      nextTime: 1_700_000_000_000,
    });
    expect(toBarPage({ s: "no_data" })).toStrictEqual({
      bars: [],
      noData: true,
    });
  });

  it("treats nextTime 0 as a time, not as missing", () => {
    expect(toBarPage({ s: "no_data", nextTime: 0 })).toStrictEqual({
      bars: [],
      noData: true,
      nextTime: 0,
    });
  });

  it("answers noData for an ok response without bars", () => {
    expect(
      toBarPage({ s: "ok", t: [], o: [], h: [], l: [], c: [], v: [] }),
    ).toStrictEqual({
      bars: [],
      noData: true,
    });
  });
});
