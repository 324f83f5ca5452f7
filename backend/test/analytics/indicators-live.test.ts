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
/** BTCUSD trades 24x7: its session (where VWAP restarts) is the UTC day. */
const SESSION_START = Date.UTC(2026, 10, 25);

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

describe("indicators over a real socket, against independent libraries", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY + 20_000);
  let t: TestBackend;

  /** Closed 1-minute BTCUSD bars from the session start up to `toMs`, as REST serves them. */
  const closedBars = async (toMs: number): Promise<Bar[]> => {
    const res = await specFetch(
      `${t.httpUrl}/api/v1/datafeed/bars?symbol=BTCUSD&resolution=1&from=${SESSION_START / 1000}&to=${toMs / 1000}`,
    );
    expect(res.status).toBe(200);
    return (JSON.parse(res.text) as { bars: Bar[] }).bars;
  };

  beforeAll(async () => {
    t = await startTestBackend(clock, "trading");
  });
  afterAll(() => t.close());

  it("sends `history` final values then the forming one, and live values equal a recomputation over the bars received", async () => {
    const s = await TestSocket.open(t.wsUrl);
    await s.subscribe("bars", { symbol: "BTCUSD", resolution: "1" });
    const topics: string[] = [];
    for (const study of STUDIES) {
      const ok = await s.subscribe("indicators", {
        symbol: "BTCUSD",
        resolution: "1",
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
    const forming0 = Math.floor(clock.time / MINUTE) * MINUTE;
    for (const topic of topics) {
      const snapshot = valuesOf(s.frames, topic);
      expect(snapshot).toHaveLength(HISTORY + 1);
      expect(snapshot.map((v) => v.time)).toEqual(
        Array.from(
          { length: HISTORY + 1 },
          (_, i) => forming0 - (HISTORY - i) * MINUTE,
        ),
      );
      expect(snapshot.map((v) => v.closed)).toEqual([
        ...Array<boolean>(HISTORY).fill(true),
        false,
      ]);
    }

    const problems: string[] = [];
    for (let minute = 0; minute < 8; minute++) {
      for (let i = 0; i < 60; i++) {
        clock.advance(1000);
        await t.feed.tick();
      }
      await s.ping();
      // The forming value must be the libraries' value over the closed bars plus the forming bar.
      const bars = s.frames.filter((f) => f.type === "bars.update");
      const forming = bars[bars.length - 1]?.payload.payload as Bar;
      const series = [...(await closedBars(forming.time)), forming];
      STUDIES.forEach((study, i) => {
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

    const lastClosed = Math.floor(clock.time / MINUTE) * MINUTE;
    const closed = await closedBars(lastClosed);
    STUDIES.forEach((study, i) => {
      const values = valuesOf(s.frames, topics[i] as string);
      const final = values.filter((v) => v.closed);
      const times = final.map((v) => v.time);
      // Every bar closes once, in order, with no gap, and nothing is sent for it afterwards.
      expect(times).toEqual(
        Array.from(
          { length: times.length },
          (_, k) => forming0 - HISTORY * MINUTE + k * MINUTE,
        ),
      );
      expect(times[times.length - 1]).toBe(lastClosed - MINUTE);
      for (const v of final) {
        const after = values.slice(values.indexOf(v) + 1);
        expect(after.filter((w) => w.time === v.time)).toEqual([]);
      }
      const ref = referenceSeries(study, closed);
      if (study.kind === "obv") problems.push(...obvSteps(final, ref));
      else
        for (const v of final)
          problems.push(
            ...differences(v.time, v.lines, ref.get(v.time)).map(
              (d) => `${study.kind} ${d}`,
            ),
          );
    });
    expect(problems).toEqual([]);
    s.close();
    expect(takeViolations()).toEqual([]);
  });
});
