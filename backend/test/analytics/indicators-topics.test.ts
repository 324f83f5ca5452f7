import type { IndicatorValue } from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ManualClock,
  startTestBackend,
  WEDNESDAY_10AM_NY,
  type TestBackend,
} from "../../src/testing";
import { takeViolations } from "../support/conformance";
import { parseSamples, scrape } from "../support/metrics-text";
import { TestSocket, until, type Frame } from "../support/test-socket";

const SMA = { symbol: "ETHUSD", resolution: "5", kind: "sma", history: 20 };

const updates = (s: TestSocket, topic: string): Frame[] =>
  s.frames.filter(
    (f) => f.type === "indicators.update" && f.payload.topic === topic,
  );

describe("indicator topics: refusals, sharing and teardown", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY + 20_000);
  let t: TestBackend;
  const sockets: TestSocket[] = [];
  const open = async () => {
    const s = await TestSocket.open(t.wsUrl);
    sockets.push(s);
    return s;
  };
  const gauge = async (name: string): Promise<number> =>
    parseSamples(await scrape(t.httpUrl)).find((x) => x.name === name)?.value ??
    NaN;

  beforeAll(async () => {
    t = await startTestBackend(clock, "trading");
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await until(
      () => t.feed.activeSymbols.length === 0,
      3000,
      "every stream stopped",
    );
    expect(takeViolations()).toEqual([]);
  });
  afterAll(() => t.close());

  it("answers hostile subscribes with a structured error and keeps the connection usable", async () => {
    const s = await open();
    const base = { symbol: "BTCUSD", resolution: "1" };
    const refusals: [object, string][] = [
      [{ ...base, kind: "rsi", params: { stdDev: 2 } }, "INVALID_PARAMS"],
      [{ ...base, kind: "vwap", params: { period: 5 } }, "INVALID_PARAMS"],
      [
        { ...base, kind: "macd", params: { fast: 26, slow: 12 } },
        "INVALID_PARAMS",
      ],
      [
        { ...base, kind: "macd", params: { fast: 12, slow: 12 } },
        "INVALID_PARAMS",
      ],
      [{ ...base, kind: "sma", history: 999_999 }, "INVALID_PARAMS"],
      [{ ...base, kind: "sma", history: -1 }, "INVALID_PARAMS"],
      [{ ...base, kind: "sma", params: { period: 0 } }, "INVALID_PARAMS"],
      [{ ...base, kind: "sma", params: { period: 1e9 } }, "INVALID_PARAMS"],
      [{ ...base, kind: "sma", params: { period: 2.5 } }, "INVALID_PARAMS"],
      [
        { ...base, kind: "bollinger", params: { stdDev: "2" } },
        "INVALID_PARAMS",
      ],
      [{ ...base, kind: "sma", params: null }, "INVALID_PARAMS"],
      [{ ...base, kind: "sma", params: { evil: 1 } }, "INVALID_PARAMS"],
      [{ ...base, kind: "ichimoku" }, "INVALID_PARAMS"],
      [{ ...base, kind: "sma", extra: true }, "INVALID_PARAMS"],
      [{ ...base, kind: "__proto__" }, "INVALID_PARAMS"],
      [{ symbol: "NOPE", resolution: "1", kind: "sma" }, "UNKNOWN_SYMBOL"],
      [
        { symbol: "BTCUSD", resolution: "0D", kind: "sma" },
        "UNKNOWN_RESOLUTION",
      ],
    ];
    for (const [params, code] of refusals) {
      const response = await s.subscribe("indicators", params);
      expect(response.payload, JSON.stringify(params)).toMatchObject({
        status: "error",
        code,
      });
      expect(String(response.payload.message).length).toBeGreaterThan(0);
    }
    expect(t.feed.activeSymbols).toEqual([]);
    expect(await gauge("tradewire_ws_topics")).toBe(0);
    const ok = await s.subscribe("indicators", {
      ...base,
      kind: "macd",
      params: { fast: 5, slow: 13, signal: 4 },
      history: 3,
    });
    expect(ok.payload.status).toBe("ok");
    await s.ping();
    expect(updates(s, ok.payload.topic as string)).toHaveLength(4);
    expect(s.isOpen).toBe(true);
  });

  it("shares one computation between the sockets of a topic, and stops it with the last one", async () => {
    const a = await open();
    const b = await open();
    const okA = await a.subscribe("indicators", SMA);
    // Same params in another key order: the same topic.
    const okB = await b.subscribe("indicators", {
      history: 20,
      kind: "sma",
      resolution: "5",
      symbol: "ETHUSD",
    });
    expect(okB.payload.topic).toBe(okA.payload.topic);
    const topic = okA.payload.topic as string;
    expect(await gauge("tradewire_ws_topics")).toBe(1);
    expect(await gauge("tradewire_ws_subscriptions")).toBe(2);
    await Promise.all([a.ping(), b.ping()]);
    const snapshotA = updates(a, topic).map((f) => f.payload.payload);
    expect(updates(b, topic).map((f) => f.payload.payload)).toEqual(snapshotA);
    expect(snapshotA).toHaveLength(21);
    const before = { a: updates(a, topic).length, b: updates(b, topic).length };
    await t.run(6 * 60_000);
    await Promise.all([a.ping(), b.ping()]);
    const liveA = updates(a, topic).slice(before.a);
    const liveB = updates(b, topic).slice(before.b);
    expect(liveA.length).toBeGreaterThan(10);
    expect(liveB.map((f) => [f.payload.seq, f.payload.payload])).toEqual(
      liveA.map((f) => [f.payload.seq, f.payload.payload]),
    );
    const closed = liveA
      .map((f) => f.payload.payload as IndicatorValue)
      .filter((v) => v.closed);
    expect(closed.length).toBeGreaterThanOrEqual(1);
    a.close();
    await until(
      async () => (await gauge("tradewire_ws_subscriptions")) === 1,
      3000,
      "a left",
    );
    expect(t.feed.activeSymbols).toContain("ETHUSD");
    b.send({ type: "indicators.unsubscribe", id: 99, payload: SMA });
    await b.next((f) => f.type === "indicators.unsubscribe.response");
    await until(
      () => t.feed.activeSymbols.length === 0,
      3000,
      "the stream stopped",
    );
    expect(await gauge("tradewire_ws_topics")).toBe(0);
  });
});
