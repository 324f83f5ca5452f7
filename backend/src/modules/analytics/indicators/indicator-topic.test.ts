import type { Bar, IndicatorValue } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import type { BarStream, BarStreamEvent } from "../../../contracts/bar-streams";
import { IndicatorTopic } from "./indicator-topic";
import { createIndicator } from "./math";

const MINUTE = 60_000;
const bar = (i: number, close: number, volume = 1): Bar => ({
  time: i * MINUTE,
  open: close,
  high: close + 1,
  low: close - 1,
  close,
  volume,
});
const event = (closed: Bar[], forming: Bar | null): BarStreamEvent => ({
  trades: [],
  closed,
  forming,
});

/** An SMA(3) topic keeping 2 closed values, with what it sent and whether its stream stopped. */
function topic() {
  const sent: IndicatorValue[] = [];
  const stops = { count: 0 };
  const t = new IndicatorTopic(
    createIndicator("sma", { period: 3 }),
    2,
    (v) => sent.push(v),
    () => undefined,
  );
  const stream = (history: Bar[], forming: Bar | null): BarStream => ({
    history,
    forming,
    stop: () => {
      stops.count += 1;
    },
  });
  return { t, sent, stops, stream };
}

describe("IndicatorTopic", () => {
  it("snapshots the last `history` closed values and the forming one, sending nothing on start", () => {
    const { t, sent, stream } = topic();
    t.start(stream([bar(0, 1), bar(1, 2), bar(2, 3), bar(3, 4)], bar(4, 8)));
    expect(t.snapshot()).toEqual([
      { time: 2 * MINUTE, closed: true, lines: { value: 2 } },
      { time: 3 * MINUTE, closed: true, lines: { value: 3 } },
      { time: 4 * MINUTE, closed: false, lines: { value: 5 } },
    ]);
    expect(sent).toEqual([]);
  });

  it("sends a closed bar's final value once, and the forming value only when it changes", () => {
    const { t, sent, stream } = topic();
    t.start(stream([bar(0, 1), bar(1, 2), bar(2, 3)], bar(3, 4)));
    t.onEvent(event([], bar(3, 4, 5)));
    expect(sent).toEqual([]);
    t.onEvent(event([bar(3, 7)], bar(4, 5)));
    expect(sent).toEqual([
      { time: 3 * MINUTE, closed: true, lines: { value: 4 } },
      { time: 4 * MINUTE, closed: false, lines: { value: 5 } },
    ]);
    expect(t.snapshot().map((v) => [v.time / MINUTE, v.closed])).toEqual([
      [2, true],
      [3, true],
      [4, false],
    ]);
  });

  it("folds events that arrive before start into its state without sending them", () => {
    const { t, sent, stream } = topic();
    t.onEvent(event([bar(3, 7)], bar(4, 5)));
    t.start(stream([bar(0, 1), bar(1, 2), bar(2, 3)], bar(3, 4)));
    expect(sent).toEqual([]);
    expect(t.snapshot()).toEqual([
      { time: 2 * MINUTE, closed: true, lines: { value: 2 } },
      { time: 3 * MINUTE, closed: true, lines: { value: 4 } },
      { time: 4 * MINUTE, closed: false, lines: { value: 5 } },
    ]);
  });

  it("skips a bar the indicator refuses, and stops its stream when stopped", () => {
    const { t, sent, stops, stream } = topic();
    t.start(stream([bar(0, 1), bar(1, 2), bar(2, 3)], null));
    t.onEvent(event([], bar(3, Number.NaN)));
    expect(sent).toEqual([]);
    t.stop();
    t.onEvent(event([bar(3, 4)], null));
    expect(sent).toEqual([]);
    expect(stops.count).toBe(1);
  });
});
