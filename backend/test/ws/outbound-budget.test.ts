import { CloseCode, type QuoteData } from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { takeViolations } from "../support/conformance";
import { metric, startTestApp, type TestApp } from "../support/test-app";
import { TestSocket, until, type Frame } from "../support/test-socket";
import {
  outboundBytes,
  paddedQuote,
  pauseReading,
  resumeReading,
} from "./flood";

const SYMBOLS = Array.from({ length: 50 }, (_, i) => `S${i}`);
const PARAMS = { symbols: SYMBOLS };
const TOPIC = `quotes:${JSON.stringify(PARAMS)}`;
/** One snapshot: 50 quotes of about 1 KB. */
const SNAPSHOT = SYMBOLS.map((s, i) => paddedQuote(s, i + 1));

const subscribeFrame = (id: number) => ({
  type: "quotes.subscribe",
  id,
  payload: PARAMS,
});

describe("every byte a socket is sent counts against its budget", () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  const open = async (): Promise<TestSocket> => {
    const s = await TestSocket.open(t.wsUrl);
    sockets.push(s);
    return s;
  };
  /** Re-subscribe without reading until the server queues for the socket (its kernel buffers are full). */
  const backlogged = async (s: TestSocket): Promise<number> => {
    let id = 1_000_000;
    await until(
      async () => {
        for (let k = 0; k < 20; k++) s.send(subscribeFrame(id++));
        await new Promise((resolve) => setTimeout(resolve, 5));
        // Past a whole snapshot: the socket's own buffer is full and the kernel takes no more.
        return (await outboundBytes(t)) > 120_000;
      },
      20_000,
      "the server to queue for the socket",
    );
    return id;
  };

  beforeAll(async () => {
    t = await startTestApp({
      WS_SLOW_BUFFER_BYTES: "16384",
      WS_MAX_BUFFER_BYTES: "262144",
      // The socket's rate is not what is under test here.
      WS_RATE_PER_SECOND: "1000000",
      WS_RATE_BURST: "1000000",
    });
    t.services.quotes.state.set(TOPIC, SNAPSHOT);
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.ws.terminate();
    await until(async () => (await outboundBytes(t)) === 0);
    expect(takeViolations()).toEqual([]);
  });
  afterAll(() => t.close());

  it("closes with 4000 a socket that re-subscribes without reading, once its answers and snapshots pass WS_MAX_BUFFER_BYTES", async () => {
    const s = await open();
    expect((await s.subscribe("quotes", PARAMS)).payload.status).toBe("ok");
    const closes = await metric(t, "tradewire_ws_slow_consumer_closes_total");
    pauseReading(s);
    let id = 1;
    await until(
      async () => {
        for (let k = 0; k < 20; k++) s.send(subscribeFrame(id++));
        await new Promise((resolve) => setTimeout(resolve, 5));
        return (
          (await metric(t, "tradewire_ws_slow_consumer_closes_total")) > closes
        );
      },
      30_000,
      "the server to close the socket",
    );
    // Nothing more is held for it: the budget is what bounds a client that never reads.
    expect(await outboundBytes(t)).toBeLessThan(262_144 + 16_384);
    resumeReading(s);
    expect((await s.closed).code).toBe(CloseCode.SlowConsumer);
    // Everything it did receive was in order: answers and whole snapshots, never a torn frame.
    const oks = s.frames.filter((f) => f.type === "quotes.subscribe.response");
    expect(oks.length).toBeGreaterThan(1);
    expect(oks.every((f) => f.payload.status === "ok")).toBe(true);
  });

  it("coalesces a re-subscribe while the previous snapshot is unsent: every answer arrives, then the newest snapshot once", async () => {
    const s = await open();
    await s.subscribe("quotes", PARAMS);
    pauseReading(s);
    const firstId = await backlogged(s);
    const coalesced = await metric(t, "tradewire_ws_coalesced_snapshots_total");
    const ids = Array.from({ length: 30 }, (_, i) => firstId + i);
    for (const id of ids) s.send(subscribeFrame(id));
    await until(
      async () =>
        (await metric(t, "tradewire_ws_coalesced_snapshots_total")) >=
        coalesced + ids.length,
      5000,
      "every re-subscribe to be coalesced",
    );
    // The newest snapshot is the state when the last re-subscribe was answered.
    const newest = SNAPSHOT.map((q) => ({ ...q, v: { ...q.v, lp: 7 } }));
    t.services.quotes.state.set(TOPIC, newest);
    s.send(subscribeFrame(ids.length + firstId));
    ids.push(ids.length + firstId);
    await until(
      async () =>
        (await metric(t, "tradewire_ws_coalesced_snapshots_total")) >=
        coalesced + ids.length,
    );
    resumeReading(s);
    const last = ids.at(-1) as number;
    await until(
      () => updatesAfter(s.frames, ids[0] as number).length >= 50,
      10_000,
      "the snapshot after the last answer",
    );
    await s.ping();

    const tail = s.frames.slice(s.frames.findIndex((f) => f.id === ids[0]));
    const answers = tail.filter((f) => f.type === "quotes.subscribe.response");
    expect(answers.map((f) => f.id)).toEqual(ids);
    const snapshots = updatesAfter(s.frames, ids[0] as number);
    // One snapshot for 31 re-subscribes, after the last answer, with the newest state.
    expect(snapshots.length).toBe(50);
    expect(snapshots.map((f) => f.payload.payload as QuoteData)).toEqual(
      newest,
    );
    const lastAnswer = tail.findIndex((f) => f.id === last);
    const firstUpdate = tail.findIndex((f) => f.type === "quotes.update");
    expect(firstUpdate).toBeGreaterThan(lastAnswer);
    t.services.quotes.state.set(TOPIC, SNAPSHOT);
  });

  it("counts pongs, protocol pongs and error answers: a socket that pings without reading is closed with 4000", async () => {
    const s = await open();
    await s.subscribe("quotes", PARAMS);
    pauseReading(s);
    await backlogged(s);
    const closes = await metric(t, "tradewire_ws_slow_consumer_closes_total");
    let i = 0;
    await until(
      async () => {
        for (let k = 0; k < 100; k++, i++) {
          s.send({ type: "ping", id: i, payload: { t: i } });
          s.sendRaw("{not json");
          s.ws.ping(Buffer.alloc(100, 1));
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
        return (
          (await metric(t, "tradewire_ws_slow_consumer_closes_total")) > closes
        );
      },
      30_000,
      "the server to close the socket",
    );
    resumeReading(s);
    expect((await s.closed).code).toBe(CloseCode.SlowConsumer);
  });
});

describe("protocol pings from a client", () => {
  let t: TestApp;
  beforeAll(async () => {
    // A frozen clock: the token bucket never refills.
    t = await startTestApp(
      { WS_RATE_PER_SECOND: "1", WS_RATE_BURST: "5" },
      { now: () => 1_800_000_000_000 },
    );
  });
  afterAll(() => t.close());

  it("are answered with their payload within the socket's rate, like frames", async () => {
    const s = await TestSocket.open(t.wsUrl);
    const pongs: string[] = [];
    s.ws.on("pong", (data: Buffer) => pongs.push(data.toString()));
    for (let i = 1; i <= 8; i++) s.ws.ping(Buffer.from(`p${i}`));
    // Frames share the allowance: this one is refused, and its answer comes after the pongs.
    s.send({ type: "ping", id: "late", payload: { t: 1 } });
    const refused = await s.nextOfType("error");
    expect(refused).toMatchObject({
      id: "late",
      payload: { code: "RATE_LIMITED" },
    });
    expect(pongs).toEqual(["p1", "p2", "p3", "p4", "p5"]);
    s.close();
  });
});

/** Update frames that came after the answer with `id`. */
function updatesAfter(frames: Frame[], id: number): Frame[] {
  const start = frames.findIndex((f) => f.id === id);
  if (start < 0) return [];
  return frames.slice(start).filter((f) => f.type === "quotes.update");
}
