import type { Bar } from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type {
  BarStream,
  BarStreamEvent,
} from "../../src/contracts/bar-streams";
import {
  ManualClock,
  startTestBackend,
  WEDNESDAY_10AM_NY,
  type TestBackend,
} from "../../src/testing";
import { TopicError } from "../../src/ws";
import { specFetch } from "../support/openapi-conformance";
import { until } from "../support/test-socket";

const MINUTE = 60_000;

describe("BarStreams: live bars of any resolution for the analytics module", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY + 20_000);
  let t: TestBackend;
  const streams: BarStream[] = [];

  /** Starts a stream that records its events. */
  const open = async (symbol: string, resolution: string, history: number) => {
    const events: BarStreamEvent[] = [];
    const stream = await t.bars.stream(symbol, resolution, history, (e) =>
      events.push(e),
    );
    streams.push(stream);
    return { stream, events };
  };
  /** Lets `ms` of market time pass, one feed tick per `step`. */
  const run = async (ms: number, step = 1000) => {
    for (let passed = 0; passed < ms; passed += step) {
      clock.advance(step);
      await t.feed.tick();
    }
  };
  /** The bars /api/v1/datafeed/bars serves from fromMs to the end of the last bucket, held to the spec. */
  const restBars = async (
    symbol: string,
    resolution: string,
    fromMs: number,
    toMs: number,
  ): Promise<Bar[]> => {
    const res = await specFetch(
      `${t.httpUrl}/api/v1/datafeed/bars?symbol=${symbol}&resolution=${resolution}&from=${fromMs / 1000}&to=${toMs / 1000}`,
    );
    expect(res.status).toBe(200);
    return (JSON.parse(res.text) as { bars: Bar[] }).bars;
  };

  beforeAll(async () => {
    t = await startTestBackend(clock);
  });
  afterEach(async () => {
    for (const s of streams.splice(0)) s.stop();
    await until(
      () => t.feed.activeSymbols.length === 0,
      3000,
      "every symbol released",
    );
  });
  afterAll(() => t.close());

  it("starts with the closed bars /bars serves, then emits each bar as it closes, equal to /bars, with no gap or repeat", async () => {
    const { stream, events } = await open("BTCUSD", "5", 40);
    expect(stream.history).toHaveLength(40);
    expect(stream.forming?.time).toBe(
      Math.floor(clock.time / (5 * MINUTE)) * 5 * MINUTE,
    );
    await run(16 * MINUTE);
    const closed = events.flatMap((e) => e.closed);
    expect(closed.length).toBeGreaterThanOrEqual(3);
    const all = [...stream.history, ...closed];
    for (let i = 1; i < all.length; i++)
      expect((all[i] as Bar).time - (all[i - 1] as Bar).time).toBe(5 * MINUTE);
    const first = all[0] as Bar;
    const last = all[all.length - 1] as Bar;
    expect(
      await restBars("BTCUSD", "5", first.time, last.time + 5 * MINUTE),
    ).toEqual(all);
    const forming = events[events.length - 1]?.forming;
    expect(forming?.time).toBe(last.time + 5 * MINUTE);
    expect(events.flatMap((e) => e.trades).length).toBeGreaterThan(100);
  });

  it("loses nothing when the feed ticks while the stream reads its history", async () => {
    const holder = await open("ETHUSD", "1", 0);
    expect(holder.stream.history).toEqual([]);
    await run(5_000);
    const events: BarStreamEvent[] = [];
    const starting = t.bars.stream("ETHUSD", "1", 30, (e) => events.push(e));
    clock.advance(2 * MINUTE);
    const ticking = t.feed.tick();
    const stream = await starting;
    streams.push(stream);
    await ticking;
    await run(3 * MINUTE);
    const all = [...stream.history, ...events.flatMap((e) => e.closed)];
    expect(all.length).toBeGreaterThanOrEqual(33);
    const first = all[0] as Bar;
    const last = all[all.length - 1] as Bar;
    expect(
      await restBars("ETHUSD", "1", first.time, last.time + MINUTE),
    ).toEqual(all);
  });

  it("closes a daily bar equal to /bars when the feed catches up over a day in bulk", async () => {
    // One day of backfill: one closed daily bar before today's.
    const { stream, events } = await open("EURUSD", "1D", 3);
    expect(stream.history).toHaveLength(1);
    await run(26 * 60 * MINUTE, 60 * MINUTE);
    const closed = events.flatMap((e) => e.closed);
    expect(closed.length).toBeGreaterThanOrEqual(1);
    const all = [...stream.history, ...closed];
    const first = all[0] as Bar;
    const last = all[all.length - 1] as Bar;
    expect(
      await restBars("EURUSD", "1D", first.time, last.time + 1440 * MINUTE),
    ).toEqual(all);
  });

  it("refuses unknown symbols, resolutions and histories with TopicError codes, holding nothing", async () => {
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (err: unknown) => (err instanceof TopicError ? err.code : String(err)),
      );
    const ignore = (): void => undefined;
    expect(await refusal(t.bars.stream("NOPE", "5", 10, ignore))).toBe(
      "UNKNOWN_SYMBOL",
    );
    expect(await refusal(t.bars.stream("BTCUSD", "7S", 10, ignore))).toBe(
      "UNKNOWN_RESOLUTION",
    );
    for (const history of [-1, 1.5, 5001, Number.NaN])
      expect(await refusal(t.bars.stream("BTCUSD", "5", history, ignore))).toBe(
        "INVALID_PARAMS",
      );
    expect(t.feed.activeSymbols).toEqual([]);
  });

  it("stop releases the symbol and is idempotent", async () => {
    const { stream } = await open("SOLUSD", "15", 5);
    expect(t.feed.activeSymbols).toContain("SOLUSD");
    stream.stop();
    stream.stop();
    expect(t.feed.activeSymbols).not.toContain("SOLUSD");
  });

  it("tells where a trading session starts: the UTC day for crypto, the open in New York for stocks and FX", () => {
    const wednesday = Date.UTC(2026, 10, 25);
    expect(t.bars.sessionStart("BTCUSD", WEDNESDAY_10AM_NY)).toBe(wednesday);
    const open930 = Date.UTC(2026, 10, 25, 14, 30);
    expect(t.bars.sessionStart("AAPL", WEDNESDAY_10AM_NY)).toBe(open930);
    // A 60-minute bar stamped 09:00 holds the trades from 09:30: it belongs to that session.
    expect(t.bars.sessionStart("AAPL", Date.UTC(2026, 10, 25, 14, 0))).toBe(
      open930,
    );
    expect(t.bars.sessionStart("EURUSD", WEDNESDAY_10AM_NY)).toBe(
      Date.UTC(2026, 10, 24, 22, 0),
    );
  });
});
