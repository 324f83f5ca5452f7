import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { takeViolations } from "../support/conformance";
import { metric, startTestApp, type TestApp } from "../support/test-app";
import { TestSocket, until } from "../support/test-socket";

describe("heartbeat", () => {
  let t: TestApp;
  let now = 1_800_000_000_000;
  beforeAll(async () => {
    // The interval is out of the way; the test drives beats itself, so nothing depends on timing.
    t = await startTestApp({ WS_HEARTBEAT_MS: "3600000" }, { now: () => now });
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

  it("answers the app-level ping with the client's t and the server clock", async () => {
    const s = await TestSocket.open(t.wsUrl);
    now = 1_800_000_123_456;
    s.send({ type: "ping", id: "p1", payload: { t: 1234.5 } });
    expect(await s.nextOfType("pong")).toEqual({
      type: "pong",
      id: "p1",
      payload: { t: 1234.5, serverTime: 1_800_000_123_456 },
    });
    s.close();
  });
});
