import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TopicError } from "../../src/ws";
import { takeViolations } from "../support/conformance";
import { gate } from "../support/recording-service";
import { bar, metric, startTestApp, type TestApp } from "../support/test-app";
import { TestSocket, until } from "../support/test-socket";

const AAPL_1 = 'bars:{"resolution":"1","symbol":"AAPL"}';

describe("subscriptions over a real socket", () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  const open = async (): Promise<TestSocket> => {
    const s = await TestSocket.open(t.wsUrl);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    // One test opens 100 sockets without a token from this one address.
    t = await startTestApp({ WS_MAX_ANONYMOUS_PER_ADDRESS: "200" });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await until(
      async () => (await metric(t, "tradewire_ws_topics")) === 0,
      3000,
      "all topics released",
    );
    expect(takeViolations()).toEqual([]);
  });
  afterAll(() => t.close());

  it("answers a subscribe with the exact topic of the shared vectors and echoes the id", async () => {
    const s = await open();
    s.send({
      type: "bars.subscribe",
      id: "req-7",
      payload: { symbol: "AAPL", resolution: "1" },
    });
    const response = await s.nextOfType("bars.subscribe.response");
    expect(response).toEqual({
      type: "bars.subscribe.response",
      id: "req-7",
      payload: { status: "ok", topic: AAPL_1 },
    });
    expect(t.services.bars.created).toContain(AAPL_1);
  });

  it("delivers updates with seq increasing by one, then stops after unsubscribe", async () => {
    const s = await open();
    await s.subscribe("bars", { symbol: "MSFT", resolution: "5" });
    const topic = 'bars:{"resolution":"5","symbol":"MSFT"}';
    for (let i = 0; i < 3; i++)
      t.services.bars.publish(
        topic,
        bar(1_700_000_000_000 + i * 300_000, 100 + i),
      );
    const updates = [
      await s.nextOfType("bars.update"),
      await s.nextOfType("bars.update"),
      await s.nextOfType("bars.update"),
    ];
    expect(updates.map((u) => u.payload.seq)).toEqual([1, 2, 3]);
    expect(
      updates.map((u) => (u.payload.payload as { close: number }).close),
    ).toEqual([100, 101, 102]);
    expect(updates.every((u) => u.payload.topic === topic)).toBe(true);

    const off = await s.unsubscribe("bars", {
      symbol: "MSFT",
      resolution: "5",
    });
    expect(off.payload).toEqual({ status: "ok", topic });
    await until(
      () => t.services.bars.removed.includes(topic),
      2000,
      "removeTopic",
    );
    // The topic is gone: a publish now has nowhere to go, and the socket gets nothing more.
    expect(() => t.services.bars.publish(topic, bar(1, 1))).toThrow(
      /no live topic/,
    );
    const pong = await s.ping();
    expect(pong.payload.t).toBe(42);
    expect(s.frames.filter((f) => f.type === "bars.update")).toEqual([]);
  });

  it("writes the same bytes to every subscriber of a topic", async () => {
    const [a, b] = [await open(), await open()];
    await a.subscribe("bars", { symbol: "AAPL", resolution: "1" });
    await b.subscribe("bars", { symbol: "AAPL", resolution: "1" });
    const raw: string[] = [];
    for (const s of [a, b])
      s.ws.once("message", (d: Buffer) => raw.push(d.toString()));
    t.services.bars.publish(AAPL_1, bar(1_700_000_040_000, 188.25));
    await until(() => raw.length === 2);
    expect(raw[0]).toBe(raw[1]);
    expect(raw[0]).toBe(
      `{"type":"bars.update","payload":{"topic":${JSON.stringify(AAPL_1)},"seq":1,"payload":{"time":1700000040000,"open":187.25,"high":189.25,"low":186.25,"close":188.25,"volume":100}}}`,
    );
  });

  it("treats a duplicate subscribe from one socket as one subscription and resends the snapshot", async () => {
    const s = await open();
    const topic = 'bars:{"resolution":"15","symbol":"NVDA"}';
    t.services.bars.state.set(topic, [bar(1_700_000_100_000, 450)]);
    const createdBefore = t.services.bars.created.filter(
      (c) => c === topic,
    ).length;
    const first = await s.subscribe("bars", {
      symbol: "NVDA",
      resolution: "15",
    });
    const snapshot1 = await s.nextOfType("bars.update");
    const second = await s.subscribe("bars", {
      resolution: "15",
      symbol: "NVDA",
    });
    const snapshot2 = await s.nextOfType("bars.update");
    expect(first.payload).toEqual({ status: "ok", topic });
    expect(second.payload).toEqual({ status: "ok", topic });
    expect((snapshot1.payload.payload as { close: number }).close).toBe(450);
    expect(snapshot2.payload).toEqual(snapshot1.payload);
    expect(
      t.services.bars.created.filter((c) => c === topic).length - createdBefore,
    ).toBe(1);
    expect(await metric(t, "tradewire_ws_subscriptions")).toBe(1);
    t.services.bars.publish(topic, bar(1_700_000_100_000, 451));
    const live = await s.nextOfType("bars.update");
    expect(live.payload.seq).toBe(1);
    await s.ping();
    expect(
      s.frames.filter((f) => f.type === "bars.update"),
      JSON.stringify(s.frames),
    ).toEqual([]);
    t.services.bars.state.delete(topic);
  });

  it("sends the snapshot right after the ok, carrying the topic's current seq", async () => {
    const [a, b] = [await open(), await open()];
    const topic = 'bars:{"resolution":"60","symbol":"TSLA"}';
    await a.subscribe("bars", { symbol: "TSLA", resolution: "60" });
    t.services.bars.publish(topic, bar(1_700_000_000_000, 250));
    t.services.bars.publish(topic, bar(1_700_000_000_000, 251));
    t.services.bars.state.set(topic, [bar(1_700_000_000_000, 251)]);
    b.send({
      type: "bars.subscribe",
      id: 1,
      payload: { symbol: "TSLA", resolution: "60" },
    });
    const [response, snapshot] = [await b.next(), await b.next()];
    expect(response.type).toBe("bars.subscribe.response");
    expect(snapshot).toEqual({
      type: "bars.update",
      payload: { topic, seq: 2, payload: bar(1_700_000_000_000, 251) },
    });
    t.services.bars.publish(topic, bar(1_700_000_000_000, 252));
    expect((await b.nextOfType("bars.update")).payload.seq).toBe(3);
    t.services.bars.state.delete(topic);
  });

  it("100 sockets subscribing then dropping create the topic once and remove it once", async () => {
    const topic = 'quotes:{"symbols":["AAPL","MSFT"]}';
    const createdBefore = t.services.quotes.created.length;
    const removedBefore = t.services.quotes.removed.length;
    const many = await Promise.all(Array.from({ length: 100 }, () => open()));
    const responses = await Promise.all(
      many.map((s) => s.subscribe("quotes", { symbols: ["AAPL", "MSFT"] })),
    );
    expect(new Set(responses.map((r) => JSON.stringify(r.payload)))).toEqual(
      new Set([JSON.stringify({ status: "ok", topic })]),
    );
    expect(await metric(t, "tradewire_ws_subscriptions")).toBe(100);
    expect(await metric(t, "tradewire_ws_topics")).toBe(1);
    for (const s of many) s.ws.terminate();
    await until(
      async () => (await metric(t, "tradewire_ws_sockets")) === 0,
      3000,
      "sockets closed",
    );
    await until(() => t.services.quotes.removed.length > removedBefore);
    expect(t.services.quotes.created.slice(createdBefore)).toEqual([topic]);
    expect(t.services.quotes.removed.slice(removedBefore)).toEqual([topic]);
    expect(await metric(t, "tradewire_ws_topics")).toBe(0);
    expect(await metric(t, "tradewire_ws_subscriptions")).toBe(0);
  });

  it("shares one createTopic between subscribers that arrive while it is still running", async () => {
    const g = gate();
    t.services.quotes.createGate = g.promise;
    const [a, b] = [await open(), await open()];
    const pending = [
      a.subscribe("quotes", { symbols: ["EURUSD"] }),
      b.subscribe("quotes", { symbols: ["EURUSD"] }),
    ];
    await until(() =>
      t.services.quotes.created.includes('quotes:{"symbols":["EURUSD"]}'),
    );
    g.open();
    t.services.quotes.createGate = null;
    const responses = await Promise.all(pending);
    expect(responses.map((r) => r.payload.status)).toEqual(["ok", "ok"]);
    expect(
      t.services.quotes.created.filter(
        (c) => c === 'quotes:{"symbols":["EURUSD"]}',
      ),
    ).toHaveLength(1);
  });

  it("answers a failed createTopic with status error, leaves no topic, and retries on the next subscribe", async () => {
    const s = await open();
    t.services.bars.failNextCreate = new TopicError(
      "UNKNOWN_SYMBOL",
      "unknown symbol NOPE",
    );
    const refused = await s.subscribe("bars", {
      symbol: "NOPE",
      resolution: "1",
    });
    expect(refused.payload).toEqual({
      status: "error",
      topic: 'bars:{"resolution":"1","symbol":"NOPE"}',
      code: "UNKNOWN_SYMBOL",
      message: "unknown symbol NOPE",
      requestId: expect.any(String) as string,
    });
    expect(await metric(t, "tradewire_ws_topics")).toBe(0);
    expect(await metric(t, "tradewire_ws_subscriptions")).toBe(0);

    t.services.bars.failNextCreate = new Error("database is down");
    const unavailable = await s.subscribe("bars", {
      symbol: "NOPE",
      resolution: "1",
    });
    expect(unavailable.payload).toMatchObject({
      status: "error",
      code: "TOPIC_UNAVAILABLE",
    });
    expect(unavailable.payload.message).not.toContain("database");

    const ok = await s.subscribe("bars", { symbol: "NOPE", resolution: "1" });
    expect(ok.payload.status).toBe("ok");
    expect(await metric(t, "tradewire_ws_subscriptions")).toBe(1);
  });

  it("answers an unsubscribe from a topic the socket does not hold with NOT_SUBSCRIBED", async () => {
    const s = await open();
    const response = await s.unsubscribe("bars", {
      symbol: "AAPL",
      resolution: "1",
    });
    expect(response.payload).toEqual({
      status: "error",
      topic: AAPL_1,
      code: "NOT_SUBSCRIBED",
      message: `not subscribed to ${AAPL_1}`,
      requestId: expect.any(String) as string,
    });
    expect((await s.ping()).type).toBe("pong");
  });

  it("keeps other subscribers of a topic when one unsubscribes", async () => {
    const [a, b] = [await open(), await open()];
    await a.subscribe("bars", { symbol: "AAPL", resolution: "1" });
    await b.subscribe("bars", { symbol: "AAPL", resolution: "1" });
    await a.unsubscribe("bars", { symbol: "AAPL", resolution: "1" });
    t.services.bars.publish(AAPL_1, bar(1_700_000_000_000, 10));
    expect((await b.nextOfType("bars.update")).payload.topic).toBe(AAPL_1);
    await a.ping();
    expect(a.frames.filter((f) => f.type === "bars.update")).toEqual([]);
  });
});
