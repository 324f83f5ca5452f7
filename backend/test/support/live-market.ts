import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { takeViolations } from "./conformance";
import {
  ManualClock,
  startDatafeedApp,
  WEDNESDAY_10AM_NY,
  type DatafeedApp,
} from "./datafeed-app";
import { TestSocket, until } from "./test-socket";

/** A suite's live market: the real datafeed on a clock the test moves, and its sockets. */
export interface LiveMarket {
  readonly clock: ManualClock;
  /** The app, once the suite's beforeAll has started it. */
  readonly app: DatafeedApp;
  /** A socket to the app, closed after the test. */
  readonly open: () => Promise<TestSocket>;
  /** Let `ms` of market time pass, one feed tick every `tickMs`. */
  readonly run: (ms: number) => Promise<void>;
}

/**
 * Starts the datafeed app for the enclosing `describe` (a Wednesday morning in New York, one day
 * of history) and, after each test, closes its sockets, waits until every symbol stopped and
 * checks that no frame broke the contract. Call it inside `describe`.
 */
export function liveMarket(tickMs: number): LiveMarket {
  const clock = new ManualClock(WEDNESDAY_10AM_NY + 20_000);
  const sockets: TestSocket[] = [];
  let app: DatafeedApp | null = null;
  const started = (): DatafeedApp => {
    if (app === null) throw new Error("the live market has not started");
    return app;
  };
  beforeAll(async () => {
    app = await startDatafeedApp({ clock, env: { BACKFILL_DAYS: "1" } });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await until(
      () => started().service.feed.activeSymbols.length === 0,
      3000,
      "every symbol stopped",
    );
    expect(takeViolations()).toEqual([]);
  });
  afterAll(() => app?.close());
  return {
    clock,
    get app() {
      return started();
    },
    open: async () => {
      const s = await TestSocket.open(started().wsUrl);
      sockets.push(s);
      return s;
    },
    run: async (ms) => {
      for (let passed = 0; passed < ms; passed += tickMs) {
        clock.advance(tickMs);
        await started().service.feed.tick();
      }
    },
  };
}
