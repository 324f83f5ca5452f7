import type { Bar, IndicatorValue } from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ManualClock,
  startTestBackend,
  WEDNESDAY_10AM_NY,
  type TestBackend,
} from "../../src/testing";
import { takeViolations } from "../support/conformance";
import { specFetch } from "../support/openapi-conformance";
import { TestSocket, type Frame } from "../support/test-socket";
import {
  differences,
  referenceSeries,
  type ReferenceSeries,
  type Study,
} from "./reference";

const MINUTE = 60_000;
const HISTORY = 40;
/** BTCUSD and ETHUSD trade 24x7: their session (where VWAP restarts) is the UTC day. */
const SESSION_START = Date.UTC(2026, 10, 25);
/** The first stored bar (one day of backfill): the references warm on everything there is. */
const HISTORY_START = Date.UTC(2026, 10, 24);
/** Where a study's reference starts: VWAP at its session, the rest at the first bar. */
const startOf = (study: Study): number =>
  study.kind === "vwap" ? SESSION_START : HISTORY_START;

const STUDIES: readonly Study[] = [
  { kind: "sma", params: { period: 10 } },
  { kind: "ema", params: { period: 12 } },
  { kind: "wma", params: { period: 9 } },
  { kind: "rsi", params: {} },
  { kind: "macd", params: {} },
  { kind: "bollinger", params: { period: 20, stdDev: 2 } },
  { kind: "atr", params: { period: 14 } },
  { kind: "stochastic", params: { period: 14, signal: 3 } },
  { kind: "vwap", params: {} },
  { kind: "obv", params: {} },
];

const valuesOf = (frames: readonly Frame[], topic: string): IndicatorValue[] =>
  frames
    .filter((f) => f.type === "indicators.update" && f.payload.topic === topic)
    .map((f) => f.payload.payload as IndicatorValue);

/**
 * OBV's level depends on the bar it starts from (the server's first warm-up bar, the reference's
 * first bar): its bar-to-bar changes are what both must agree on.
 */
function obvSteps(
  values: readonly IndicatorValue[],
  ref: ReferenceSeries,
): string[] {
  const out: string[] = [];
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1] as IndicatorValue;
    const b = values[i] as IndicatorValue;
    const [ra, rb] = [ref.get(a.time)?.value, ref.get(b.time)?.value];
    const step = (b.lines.value ?? NaN) - (a.lines.value ?? NaN);
    if (
      ra === undefined ||
      rb === undefined ||
      Math.abs(step - (rb - ra)) > 1e-6
    )
      out.push(
        `${b.time}: step ${step}, reference ${String(rb)} - ${String(ra)}`,
      );
  }
  return out;
}

interface LiveCase {
  readonly symbol: string;
  readonly resolution: string;
  /** Minutes one bar spans. */
  readonly minutes: number;
  readonly studies: readonly Study[];
  /** Bars of market time replayed, checking the forming values after each. */
  readonly bars: number;
}

describe("indicators over a real socket, against independent libraries", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY + 20_000);
  let t: TestBackend;

  /** Closed bars from `fromMs` up to `toMs`, as REST serves them. */
  const closedBars = async (
    c: LiveCase,
    fromMs: number,
    toMs: number,
  ): Promise<Bar[]> => {
    const res = await specFetch(
      `${t.httpUrl}/api/v1/datafeed/bars?symbol=${c.symbol}&resolution=${c.resolution}&from=${fromMs / 1000}&to=${toMs / 1000}`,
    );
    expect(res.status).toBe(200);
    return (JSON.parse(res.text) as { bars: Bar[] }).bars;
  };

  /** Subscribes `bars` and every study, checks the snapshots; returns the socket and topics. */
  const subscribeAll = async (c: LiveCase) => {
    const s = await TestSocket.open(t.wsUrl);
    await s.subscribe("bars", { symbol: c.symbol, resolution: c.resolution });
    const topics: string[] = [];
    for (const study of c.studies) {
      const ok = await s.subscribe("indicators", {
        symbol: c.symbol,
        resolution: c.resolution,
        kind: study.kind,
        ...(Object.keys(study.params).length > 0
          ? { params: study.params }
          : {}),
        history: HISTORY,
      });
      expect(ok.payload.status).toBe("ok");
      topics.push(ok.payload.topic as string);
    }
    await s.ping();
    const barMs = c.minutes * MINUTE;
    const forming0 = Math.floor(clock.time / barMs) * barMs;
    for (const topic of topics) {
      const snapshot = valuesOf(s.frames, topic);
      expect(snapshot).toHaveLength(HISTORY + 1);
      expect(snapshot.map((v) => v.time)).toEqual(
        Array.from(
          { length: HISTORY + 1 },
          (_, i) => forming0 - (HISTORY - i) * barMs,
        ),
      );
      expect(snapshot.map((v) => v.closed)).toEqual([
        ...Array<boolean>(HISTORY).fill(true),
        false,
      ]);
    }
    return { s, topics, forming0 };
  };

  /** Replays `c.bars` bars; after each, the forming values must be the libraries' over REST + the forming bar. */
  const checkForming = async (
    c: LiveCase,
    s: TestSocket,
    topics: readonly string[],
  ): Promise<string[]> => {
    const problems: string[] = [];
    for (let bar = 0; bar < c.bars; bar++) {
      for (let i = 0; i < 60 * c.minutes; i++) {
        clock.advance(1000);
        await t.feed.tick();
      }
      await s.ping();
      const bars = s.frames.filter((f) => f.type === "bars.update");
      const forming = bars[bars.length - 1]?.payload.payload as Bar;
      const all = [
        ...(await closedBars(c, HISTORY_START, forming.time)),
        forming,
      ];
      c.studies.forEach((study, i) => {
        const series = all.filter((b) => b.time >= startOf(study));
        if (study.kind === "obv") return;
        const last = valuesOf(s.frames, topics[i] as string).pop();
        expect(last).toMatchObject({ time: forming.time, closed: false });
        const ref = referenceSeries(study, series).get(forming.time);
        problems.push(
          ...differences(forming.time, last?.lines ?? {}, ref).map(
            (d) => `${study.kind} forming ${d}`,
          ),
        );
      });
    }
    return problems;
  };

  /** Every bar closes once, in order, with no gap, nothing sent for it afterwards, equal to the libraries. */
  const checkClosed = async (
    c: LiveCase,
    s: TestSocket,
    topics: readonly string[],
    forming0: number,
  ): Promise<string[]> => {
    const barMs = c.minutes * MINUTE;
    const current = Math.floor(clock.time / barMs) * barMs;
    const all = await closedBars(c, HISTORY_START, current);
    const problems: string[] = [];
    c.studies.forEach((study, i) => {
      const values = valuesOf(s.frames, topics[i] as string);
      const final = values.filter((v) => v.closed);
      const times = final.map((v) => v.time);
      expect(times).toEqual(
        Array.from(
          { length: times.length },
          (_, k) => forming0 - HISTORY * barMs + k * barMs,
        ),
      );
      expect(times[times.length - 1]).toBe(current - barMs);
      for (const v of final) {
        const after = values.slice(values.indexOf(v) + 1);
        expect(after.filter((w) => w.time === v.time)).toEqual([]);
      }
      const ref = referenceSeries(
        study,
        all.filter((b) => b.time >= startOf(study)),
      );
      if (study.kind === "obv") problems.push(...obvSteps(final, ref));
      else
        for (const v of final)
          problems.push(
            ...differences(v.time, v.lines, ref.get(v.time)).map(
              (d) => `${study.kind} ${d}`,
            ),
          );
    });
    return problems;
  };

  beforeAll(async () => {
    t = await startTestBackend(clock, "trading");
  });
  afterAll(() => t.close());

  const cases: LiveCase[] = [
    {
      symbol: "BTCUSD",
      resolution: "1",
      minutes: 1,
      studies: STUDIES,
      bars: 8,
    },
    {
      symbol: "ETHUSD",
      resolution: "5",
      minutes: 5,
      studies: STUDIES.filter((s) =>
        ["sma", "rsi", "macd", "bollinger", "vwap", "stochastic"].includes(
          s.kind,
        ),
      ),
      bars: 3,
    },
  ];
  for (const c of cases)
    it(`${c.symbol} ${c.resolution}: sends \`history\` final values then the forming one, and live values equal a recomputation over the bars received`, async () => {
      const { s, topics, forming0 } = await subscribeAll(c);
      const problems = await checkForming(c, s, topics);
      problems.push(...(await checkClosed(c, s, topics, forming0)));
      expect(problems).toEqual([]);
      s.close();
      expect(takeViolations()).toEqual([]);
    });
});
