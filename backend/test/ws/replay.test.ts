import type { Execution } from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { JwtAuth } from "../../src/auth/jwt";
import { systemClock } from "../../src/clock";
import { takeViolations } from "../support/conformance";
import { gate } from "../support/recording-service";
import {
  startTestApp,
  TEST_JWT_SECRET,
  type TestApp,
} from "../support/test-app";
import { TestSocket, until } from "../support/test-socket";

const TOPIC = 'executions:{"accountId":"acc-x"}';

function execution(sequence: number): Execution {
  return {
    id: `e-${sequence}`,
    sequence,
    orderId: `o-${sequence}`,
    symbol: "AAPL",
    side: 1,
    qty: 10,
    price: 180 + sequence,
    commission: 1,
    time: 1_700_000_000_000 + sequence,
  };
}

describe("executions: replay from a cursor, then live, across the seam", () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    token = (
      await new JwtAuth(TEST_JWT_SECRET, systemClock).sign({
        userId: "u-x",
        accountId: "acc-x",
      })
    ).token;
  });
  afterEach(() => expect(takeViolations()).toEqual([]));
  afterAll(() => t.close());

  it("replays what came after `since`, then streams live updates with no gap and no duplicate", async () => {
    const history = t.services.executions.history;
    history.push(...[1, 2, 3, 4, 5].map(execution));
    const watcher = await TestSocket.open(t.wsUrl, { token });
    await watcher.subscribe("executions", {});

    const g = gate();
    t.services.executions.replayGate = g.promise;
    const s = await TestSocket.open(t.wsUrl, { token });
    s.send({ type: "executions.subscribe", id: 1, payload: { since: 2 } });
    await until(
      () => t.services.executions.replays.includes(2),
      2000,
      "the replay to start",
    );
    // Two fills happen while the replay is still being read: the database has them, and so does the live feed.
    for (const n of [6, 7]) {
      history.push(execution(n));
      t.services.executions.publish(TOPIC, execution(n));
    }
    await watcher.nextOfType("executions.update");
    g.open();
    t.services.executions.replayGate = null;

    const response = await s.nextOfType("executions.subscribe.response");
    expect(response.payload).toEqual({ status: "ok", topic: TOPIC });
    history.push(execution(8));
    t.services.executions.publish(TOPIC, execution(8));
    await until(
      () => s.frames.filter((f) => f.type === "executions.update").length >= 6,
    );
    await s.ping();
    const sequences = s.frames
      .filter((f) => f.type === "executions.update")
      .map((f) => (f.payload.payload as Execution).sequence);
    expect(sequences).toEqual([3, 4, 5, 6, 7, 8]);
    s.close();
    watcher.close();
  });

  it("without a cursor streams only live executions", async () => {
    const s = await TestSocket.open(t.wsUrl, { token });
    await s.subscribe("executions", {});
    t.services.executions.publish(TOPIC, execution(9));
    const update = await s.nextOfType("executions.update");
    expect((update.payload.payload as Execution).sequence).toBe(9);
    await s.ping();
    expect(s.frames.filter((f) => f.type === "executions.update")).toEqual([]);
    s.close();
  });
});
