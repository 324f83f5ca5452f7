import type { Execution } from "@tradewire/client";
import { afterAll, describe, expect, it } from "vitest";
import { takeViolations } from "../support/conformance";
import { testDatabases } from "../support/databases";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { TestSocket, until } from "../support/test-socket";
import { startTradingApp } from "../support/trading-app";
import { MARKET_BUY, writeExecutionHistory } from "./execution-history";

const ACCOUNT = "acc-alice-main";
/** More than the 10,000 the replay used to stop at, and more than ten pages. */
const HISTORY = 10_052;

describe.each(testDatabases())("executions replay on $name", (engine) => {
  afterAll(() => engine.dispose());

  it("replays every execution after the cursor from the database, then the live ones, with no gap", async () => {
    const clock = new ManualClock(WEDNESDAY_10AM_NY + 5_000);
    await writeExecutionHistory(
      clock,
      () => engine.open(),
      "alice",
      ACCOUNT,
      HISTORY,
    );
    const database = await engine.open();
    const second = await startTradingApp({ clock, database });
    try {
      const token = await second.login("alice");
      const s = await TestSocket.open(second.wsUrl, { token });
      const sequences = () =>
        s.frames
          .filter((f) => f.type === "executions.update")
          .map((f) => (f.payload.payload as Execution).sequence);
      expect(
        (await s.subscribe("executions", { since: 0 })).payload.status,
      ).toBe("ok");
      await until(
        () => sequences().length >= HISTORY,
        15_000,
        `the replay of ${HISTORY} executions`,
      );
      const live = await second.request("POST", "/api/v1/broker/orders", {
        token,
        body: { ...MARKET_BUY, qty: 2 },
      });
      expect(live.status).toBe(201);
      await until(() => sequences().length === HISTORY + 1);
      await s.ping();
      expect(sequences()).toEqual(
        Array.from({ length: HISTORY + 1 }, (_, i) => i + 1),
      );
      s.close();
    } finally {
      await second.close();
    }
    expect(takeViolations()).toEqual([]);
  }, 60_000);
});
