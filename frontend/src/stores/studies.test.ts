import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";
import { MAX_STUDIES, useStudiesStore } from "./studies";

describe("studies store (the indicator picker's state)", () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it("adds a kind with the spec's default parameters and keeps the list per user across a reload", () => {
    const studies = useStudiesStore();
    studies.load("alice");
    const rsi = studies.add("rsi");
    const macd = studies.add("macd");
    expect(rsi?.params).toEqual({ period: 14 });
    expect(macd?.params).toEqual({ fast: 12, slow: 26, signal: 9 });
    studies.setParams(rsi!.id, { period: 21, source: "hlc3" });

    setActivePinia(createPinia());
    const reloaded = useStudiesStore();
    reloaded.load("alice");
    expect(reloaded.list.map((s) => [s.kind, s.params])).toEqual([
      ["rsi", { period: 21, source: "hlc3" }],
      ["macd", { fast: 12, slow: 26, signal: 9 }],
    ]);
    reloaded.load("bob");
    expect(reloaded.list).toEqual([]);
  });

  it("removes a study, and the removal is kept too", () => {
    const studies = useStudiesStore();
    studies.load("alice");
    const sma = studies.add("sma")!;
    studies.add("obv");
    studies.remove(sma.id);
    setActivePinia(createPinia());
    const reloaded = useStudiesStore();
    reloaded.load("alice");
    expect(reloaded.list.map((s) => s.kind)).toEqual(["obv"]);
  });

  it("keeps parameters to what the kind accepts and within the spec's bounds", () => {
    const studies = useStudiesStore();
    studies.load("alice");
    const bb = studies.add("bollinger")!;
    studies.setParams(bb.id, { period: 9999, stdDev: 0, fast: 3 });
    expect(studies.list[0]!.params).toEqual({ period: 500, stdDev: 0.1 });
    const macd = studies.add("macd")!;
    studies.setParams(macd.id, { fast: 30, slow: 10, signal: 2.6 });
    expect(studies.list[1]!.params).toEqual({ fast: 30, slow: 31, signal: 3 });
    const vwap = studies.add("vwap")!;
    studies.setParams(vwap.id, { period: 5, source: "open" });
    expect(studies.list[2]!.params).toEqual({});
  });

  it("reads a tampered or stale storage as valid studies only", () => {
    localStorage.setItem(
      "tradewire.studies.alice",
      JSON.stringify([
        { id: "a", kind: "rsi", params: { period: -3 } },
        { id: "a", kind: "ema", params: {} },
        { id: "b", kind: "ichimoku", params: {} },
        null,
        "sma",
        { id: "c", kind: "atr" },
      ]),
    );
    const studies = useStudiesStore();
    studies.load("alice");
    expect(studies.list).toEqual([
      { id: "a", kind: "rsi", params: { period: 1 } },
      { id: "c", kind: "atr", params: { period: 14 } },
    ]);
    localStorage.setItem("tradewire.studies.bob", "{not json");
    studies.load("bob");
    expect(studies.list).toEqual([]);
  });

  it(`holds at most ${MAX_STUDIES} studies`, () => {
    const studies = useStudiesStore();
    studies.load("alice");
    for (let i = 0; i < MAX_STUDIES; i += 1)
      expect(studies.add("sma")).not.toBeNull();
    expect(studies.add("ema")).toBeNull();
    expect(studies.list).toHaveLength(MAX_STUDIES);
  });
});
