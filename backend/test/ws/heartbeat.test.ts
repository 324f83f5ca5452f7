import type { QuoteData } from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { takeViolations } from "../support/conformance";
import { metric, startTestApp, type TestApp } from "../support/test-app";
import { TestSocket, until } from "../support/test-socket";
import {
  outboundBytes,
  paddedQuote,
  pauseReading,
  publishMany,
  resumeReading,
} from "./flood";

/** Far more than loopback kernel buffers take for a socket that does not read. */
const FLOOD = 16_000;

describe("heartbeat", () => {
  let t: TestApp;
  let now = 1_800_000_000_000;
  beforeAll(async () => {
    // The interval is out of the way; the test drives beats itself, so nothing depends on timing.
    t = await startTestApp(
      { WS_HEARTBEAT_MS: "3600000", WS_SLOW_BUFFER_BYTES: "16384" },
      { now: () => now },
    );
  });
  afterEach(() => expect(takeViolations()).toEqual([]));
  afterAll(() => t.close());

  it("terminates a peer that misses a pong and releases its topics", async () => {
    const dead = await TestSocket.open(t.wsUrl, { autoPong: false });
    await dead.subscribe("bars", { symbol: "DEAD", resolution: "1" });
    t.app.gateway.heartbeat();
    // Frames still flow (the peer's app is fine); only its protocol pongs are missing.
    await dead.ping();
    t.app.gateway.heartbeat();
    expect((await dead.closed).code).toBe(1006);
    await until(
      () =>
        t.services.bars.removed.includes(
          'bars:{"resolution":"1","symbol":"DEAD"}',
        ),
      2000,
      "topic released",
    );
    expect(await metric(t, "tradewire_ws_sockets")).toBe(0);
    expect(await metric(t, "tradewire_ws_dead_peers_total")).toBe(1);
  });

  it("keeps a peer that answers every ping", async () => {
    const live = await TestSocket.open(t.wsUrl);
    for (let beat = 0; beat < 3; beat++) {
      t.app.gateway.heartbeat();
      // The pong to the protocol ping is written before this app-level ping, so it has arrived.
      await live.ping();
    }
    expect(live.isOpen).toBe(true);
    live.close();
  });

  it("terminates a socket that reads nothing, however many pongs it sends unasked", async () => {
    const hostile = await TestSocket.open(t.wsUrl);
    const topic = 'quotes:{"symbols":["HOG"]}';
    await hostile.subscribe("quotes", { symbols: ["HOG"] });
    pauseReading(hostile);
    await publishMany(FLOOD, (i) =>
      t.services.quotes.publish(topic, paddedQuote("HOG", i)),
    );
    const system = '{channel="system"}';
    const pings = await metric(t, "tradewire_ws_messages_in_total", system);
    t.app.gateway.heartbeat();
    for (let i = 0; i < 10; i++) hostile.ws.pong(Buffer.from(`alive ${i}`));
    // An app-level ping after the pongs: once the server has it, it has had the pongs too.
    hostile.send({ type: "ping", id: 1, payload: { t: 1 } });
    await until(
      async () =>
        (await metric(t, "tradewire_ws_messages_in_total", system)) ===
        pings + 1,
    );
    t.app.gateway.heartbeat();
    expect(await metric(t, "tradewire_ws_sockets")).toBe(0);
    expect(await outboundBytes(t)).toBe(0);
    resumeReading(hostile);
    expect((await hostile.closed).code).toBe(1006);
  });

  it("keeps a socket that reads its backlog, even before it has read up to the ping", async () => {
    const slow = await TestSocket.open(t.wsUrl, { autoPong: false });
    const topic = 'quotes:{"symbols":["SLOW"]}';
    await slow.subscribe("quotes", { symbols: ["SLOW"] });
    pauseReading(slow);
    await publishMany(FLOOD, (i) =>
      t.services.quotes.publish(topic, paddedQuote("SLOW", i)),
    );
    t.app.gateway.heartbeat();
    // It reads (everything, as it happens) but never echoes the ping: reading is what counts.
    resumeReading(slow);
    await until(
      () =>
        slow.frames.some(
          (f) => (f.payload.payload as QuoteData | undefined)?.v.lp === FLOOD,
        ),
      10_000,
      "the reader to catch up",
    );
    t.app.gateway.heartbeat();
    expect(await metric(t, "tradewire_ws_sockets")).toBe(1);
    expect((await slow.ping()).type).toBe("pong");
    // Nothing waits for it now, so only an echoed ping would show it alive: it sent none.
    t.app.gateway.heartbeat();
    expect((await slow.closed).code).toBe(1006);
  });

  it("answers the app-level ping with the client's t and the server clock", async () => {
    const s = await TestSocket.open(t.wsUrl);
    now = 1_800_000_123_456;
    s.send({ type: "ping", id: "p1", payload: { t: 1234.5 } });
    const pong = await s.nextOfType("pong");
    expect(pong).toMatchObject({
      type: "pong",
      id: "p1",
      payload: { t: 1234.5, serverTime: 1_800_000_123_456 },
    });
    // A lone instance without a configured id names itself with a fresh UUID.
    expect(pong.payload.instance).toMatch(/^[0-9a-f-]{36}$/);
    s.close();
  });
});
