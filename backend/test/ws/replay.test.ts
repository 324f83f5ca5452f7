import type { Execution } from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { JwtAuth } from "../../src/auth/jwt";
import { systemClock } from "../../src/clock";
import { REPLAY_HOLD_MAX, REPLAY_PAGE_SIZE } from "../../src/ws";
import { takeViolations } from "../support/conformance";
import { gate } from "../support/recording-service";
import {
  startTestApp,
  TEST_JWT_SECRET,
  type TestApp,
} from "../support/test-app";
import { TestSocket, until, type Frame } from "../support/test-socket";
import { outboundBytes, pauseReading, resumeReading } from "./flood";

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

const sequencesOf = (frames: Frame[]): number[] =>
  frames
    .filter((f) => f.type === "executions.update")
    .map((f) => (f.payload.payload as Execution).sequence);
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("executions: a replay never lies", () => {
  let t: TestApp | null = null;
  let token: string;
  const open = () => TestSocket.open((t as TestApp).wsUrl, { token });
  const start = async (env: Record<string, string> = {}) => {
    t = await startTestApp(env);
    token = (
      await new JwtAuth(TEST_JWT_SECRET, systemClock).sign({
        userId: "u-x",
        accountId: "acc-x",
      })
    ).token;
    return t;
  };
  afterEach(async () => {
    await t?.close();
    t = null;
    expect(takeViolations()).toEqual([]);
  });

  it("pages through every event after the cursor, however many, then streams live ones", async () => {
    const app = await start();
    const total = 12 * REPLAY_PAGE_SIZE + 345;
    app.services.executions.history.push(...range(1, total).map(execution));
    const s = await open();
    expect((await s.subscribe("executions", { since: 10 })).payload).toEqual({
      status: "ok",
      topic: TOPIC,
    });
    await until(() => sequencesOf(s.frames).length === total - 10, 10_000);
    app.services.executions.history.push(execution(total + 1));
    app.services.executions.publish(TOPIC, execution(total + 1));
    await until(() => sequencesOf(s.frames).length === total - 9);
    expect(sequencesOf(s.frames)).toEqual(range(11, total + 1));
    // Read from the store a page at a time, each page after the last event sent.
    expect(app.services.executions.replays).toEqual(
      range(0, 12).map((page) => 10 + page * REPLAY_PAGE_SIZE),
    );
    s.close();
  });

  it("sends the replay only as fast as the socket reads it", async () => {
    const app = await start({ WS_SLOW_BUFFER_BYTES: "16384" });
    const total = 60 * REPLAY_PAGE_SIZE;
    app.services.executions.history.push(...range(1, total).map(execution));
    const s = await open();
    pauseReading(s);
    s.send({ type: "executions.subscribe", id: 1, payload: { since: 0 } });
    await until(async () => (await outboundBytes(app)) > 16_384, 10_000);
    // Loopback kernel buffers take a few MB; past them the server holds one page at most.
    for (let sample = 0; sample < 10; sample++) {
      expect(await outboundBytes(app)).toBeLessThan(16_384 + 300_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(app.services.executions.replays.length).toBeLessThan(60);
    resumeReading(s);
    await until(() => sequencesOf(s.frames).length === total, 20_000);
    expect(sequencesOf(s.frames)).toEqual(range(1, total));
    s.close();
  });

  it("refuses with RESYNC_REQUIRED, before sending anything, more than WS_REPLAY_MAX_EVENTS after the cursor", async () => {
    const app = await start({ WS_REPLAY_MAX_EVENTS: "100" });
    app.services.executions.history.push(...range(1, 150).map(execution));
    const s = await open();
    const refused = await s.subscribe("executions", { since: 49 });
    expect(refused.payload).toMatchObject({
      status: "error",
      topic: TOPIC,
      code: "RESYNC_REQUIRED",
    });
    expect(refused.payload.message).toContain("more than 100 events after 49");
    // Exactly the limit is fine.
    const ok = await s.subscribe("executions", { since: 50 });
    expect(ok.payload.status).toBe("ok");
    await until(() => sequencesOf(s.frames).length === 100);
    expect(sequencesOf(s.frames)).toEqual(range(51, 150));
    s.close();
  });

  it("stops with an explicit RESYNC_REQUIRED error, and ends the subscription, when the limit is passed part way", async () => {
    const app = await start({ WS_REPLAY_MAX_EVENTS: "1500" });
    app.services.executions.history.push(...range(1, 2500).map(execution));
    const s = await open();
    s.send({ type: "executions.subscribe", id: "r1", payload: { since: 0 } });
    const stopped = await s.nextOfType("error", 10_000);
    expect(stopped).toMatchObject({
      id: "r1",
      payload: { code: "RESYNC_REQUIRED", requestType: "executions.subscribe" },
    });
    expect(String(stopped.payload.message)).toContain(
      `stopped after ${REPLAY_PAGE_SIZE}`,
    );
    // What was sent is a gap-free run from the cursor; nothing follows it.
    expect(sequencesOf(s.frames)).toEqual(range(1, REPLAY_PAGE_SIZE));
    expect((await s.unsubscribe("executions", {})).payload.code).toBe(
      "NOT_SUBSCRIBED",
    );
    s.close();
  });

  it("ends the replay with RESYNC_REQUIRED when the store fails part way, never with a silent hole", async () => {
    const app = await start();
    const service = app.services.executions;
    service.history.push(...range(1, 2500).map(execution));
    const read = service.replay.bind(service);
    service.replay = (topic, since, limit) =>
      since >= REPLAY_PAGE_SIZE
        ? Promise.reject(new Error("the database went away"))
        : read(topic, since, limit);
    const s = await open();
    s.send({ type: "executions.subscribe", id: 7, payload: { since: 0 } });
    const stopped = await s.nextOfType("error", 10_000);
    expect(stopped).toMatchObject({
      id: 7,
      payload: { code: "RESYNC_REQUIRED", requestType: "executions.subscribe" },
    });
    expect(sequencesOf(s.frames)).toEqual(range(1, REPLAY_PAGE_SIZE));
    s.close();
  });

  it("keeps no gap and no duplicate when more live events arrive during the replay than can be held", async () => {
    const app = await start();
    const service = app.services.executions;
    service.history.push(...range(1, 100).map(execution));
    const g = gate();
    service.replayGate = g.promise;
    const s = await open();
    s.send({ type: "executions.subscribe", id: 1, payload: { since: 0 } });
    await until(() => service.replays.includes(0));
    const lastLive = 100 + REPLAY_HOLD_MAX + 500;
    for (let n = 101; n <= lastLive; n++) {
      service.history.push(execution(n));
      service.publish(TOPIC, execution(n));
    }
    service.replayGate = null;
    g.open();
    await until(() => sequencesOf(s.frames).length === lastLive, 20_000);
    service.history.push(execution(lastLive + 1));
    service.publish(TOPIC, execution(lastLive + 1));
    await until(() => sequencesOf(s.frames).length === lastLive + 1);
    await s.ping();
    expect(sequencesOf(s.frames)).toEqual(range(1, lastLive + 1));
    s.close();
  });
});
