import { createServer, type AddressInfo, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { CloseCode } from "../generated/models.js";
import { Collector, waitForState } from "./testing/client-helpers.js";
import { AAPL_1, bar, execution } from "./testing/fixtures.js";
import { useHarness } from "./testing/harness.js";
import { ManualClock } from "./testing/manual-clock.js";

const setup = useHarness();
const BARS_TOPIC = 'bars:{"resolution":"1","symbol":"AAPL"}';
const EXECUTIONS_TOPIC = 'executions:{"accountId":"a1"}';

describe("TradewireClient reconnect", () => {
  it("resubscribes every live topic after the server restarts on the same port", async () => {
    const { server, client } = await setup({
      reconnect: { initialDelayMs: 5, maxDelayMs: 20 },
    });
    const closes = new Collector<number>();
    const fills = new Collector<number>();
    const bars = client.subscribe("bars", AAPL_1, (b) => closes.push(b.close));
    const orders = client.subscribe("orders", {}, () => undefined);
    const executions = client.subscribe("executions", {}, (x) =>
      fills.push(x.sequence),
    );
    const quotes = client.subscribe("quotes", { symbols: ["MSFT"] }, () => {});
    client.connect();
    await Promise.all([
      bars.ready,
      orders.ready,
      executions.ready,
      quotes.ready,
    ]);
    quotes.unsubscribe();
    server.publish("executions", EXECUTIONS_TOPIC, 1, execution(7));
    expect(await fills.next(1)).toEqual([7]);

    await server.stop();
    await waitForState(client, (s) => s.status === "reconnecting");
    await server.restart();
    await waitForState(client, (s) => s.status === "open");

    const resent = () => server.frames.filter((f) => f.connection === 2);
    await server.until(() => resent().length === 3);
    expect(resent().map((f) => [f.type, f.payload])).toEqual(
      expect.arrayContaining([
        ["bars.subscribe", { symbol: "AAPL", resolution: "1" }],
        ["orders.subscribe", {}],
        // The cursor channel resumes after the last execution it delivered.
        ["executions.subscribe", { since: 7 }],
      ]),
    );

    // Updates flow again on the new socket, to the same listeners.
    await server.until(() => server.peers.size === 1);
    server.publish("bars", BARS_TOPIC, 1, bar(1_700_000_100_000, 190.05));
    server.publish("executions", EXECUTIONS_TOPIC, 2, execution(8));
    expect(await closes.next(1)).toEqual([190.05]);
    expect(await fills.next(2)).toEqual([7, 8]);
  });

  it("waits longer after each failed attempt, up to the cap, with jitter from the injected random", async () => {
    const clock = new ManualClock();
    const draws = [0, 0.5, 0.999, 0, 0.25, 0];
    const { server, client } = await setup({
      timers: clock,
      now: clock.now,
      random: () => draws.shift() ?? 0,
      reconnect: {
        initialDelayMs: 100,
        maxDelayMs: 1_000,
        factor: 2,
        jitter: 0.5,
      },
    });
    // Nothing listens on the port any more: every dial is refused.
    await server.stop();
    client.connect();

    const delays: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      const state = await waitForState(
        client,
        (s) => s.status === "reconnecting" && s.attempt === attempt,
      );
      expect(state.closeCode).toBe(1006);
      const delayMs = state.delayMs ?? Number.NaN;
      delays.push(delayMs);
      expect(clock.pendingDelays()).toContain(delayMs);
      clock.advance(delayMs);
    }
    // Bases 100, 200, 400, 800, 1000 (capped), 1000; each scaled by 1 - 0.5 * draw and
    // rounded up to a whole millisecond.
    expect(delays[0]).toBe(100);
    expect(delays[1]).toBe(150);
    expect(delays[2]).toBe(201);
    expect(delays[3]).toBe(800);
    expect(delays[4]).toBe(875);
    expect(delays[5]).toBe(1_000);
  });

  it("keeps backing off on 1013 and 4029, and starts over on 1012", async () => {
    const clock = new ManualClock();
    const { server, client } = await setup({
      timers: clock,
      now: clock.now,
      random: () => 0,
      reconnect: { initialDelayMs: 100, maxDelayMs: 10_000 },
      heartbeatIntervalMs: 15_000,
    });
    // A connection counts as healthy once a ping is answered; these are refused before that.
    server.answerPings = false;
    const reconnecting = async (attempt: number, closeCode: number) => {
      const state = await waitForState(
        client,
        (s) => s.status === "reconnecting" && s.attempt === attempt,
      );
      expect(state.closeCode).toBe(closeCode);
      clock.advance(state.delayMs ?? 0);
      await waitForState(client, (s) => s.status === "open");
      return state.delayMs;
    };
    client.connect();
    await waitForState(client, (s) => s.status === "open");

    server.drop(CloseCode.TryAgainLater);
    expect(await reconnecting(1, CloseCode.TryAgainLater)).toBe(100);
    server.drop(CloseCode.TooManyConnections);
    expect(await reconnecting(2, CloseCode.TooManyConnections)).toBe(200);
    server.drop(CloseCode.SlowConsumer);
    expect(await reconnecting(3, CloseCode.SlowConsumer)).toBe(400);
    server.drop(CloseCode.ServiceRestart);
    expect(await reconnecting(1, CloseCode.ServiceRestart)).toBe(100);
    expect(server.connections).toHaveLength(5);
  });

  it("abandons a dial that does not open within connectTimeoutMs", async () => {
    const clock = new ManualClock();
    // Accepts TCP connections but never answers the WebSocket handshake.
    const held = new Set<Socket>();
    const blackHole = createServer((socket) => held.add(socket));
    await new Promise<void>((resolve) =>
      blackHole.listen(0, "127.0.0.1", () => resolve()),
    );
    const accepted = new Promise((resolve) =>
      blackHole.once("connection", resolve),
    );
    const { port } = blackHole.address() as AddressInfo;
    const url = `ws://127.0.0.1:${port}/api/v1/ws`;
    const { client } = await setup({
      url,
      timers: clock,
      now: clock.now,
      random: () => 0,
      connectTimeoutMs: 3_000,
      reconnect: { initialDelayMs: 100 },
    });
    try {
      client.connect();
      await accepted;
      clock.advance(2_999);
      expect(client.state.status).toBe("connecting");
      clock.advance(1);
      expect(client.state).toEqual({
        status: "reconnecting",
        attempt: 1,
        delayMs: 100,
        url,
      });
    } finally {
      await client.close();
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => blackHole.close(resolve));
    }
  });
});
