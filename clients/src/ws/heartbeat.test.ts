import { describe, expect, it } from "vitest";
import { CloseCode } from "../generated/models.js";
import { waitForState } from "./testing/client-helpers.js";
import { AAPL_1 } from "./testing/fixtures.js";
import { useHarness } from "./testing/harness.js";
import { ManualClock } from "./testing/manual-clock.js";

const setup = useHarness();

async function heartbeatSetup() {
  const clock = new ManualClock();
  const harness = await setup({
    timers: clock,
    now: clock.now,
    random: () => 0,
    heartbeatIntervalMs: 15_000,
    heartbeatTimeoutMs: 5_000,
    reconnect: { initialDelayMs: 250 },
  });
  return { clock, ...harness };
}

describe("TradewireClient heartbeat", () => {
  it("measures latency as the time between a ping and its pong, and keeps the instance it names", async () => {
    const { clock, server, client } = await heartbeatSetup();
    server.answerPings = false;
    client.connect();
    await server.until(() => server.framesOfType("ping").length === 1);
    const [ping] = server.framesOfType("ping");
    expect(ping?.payload).toEqual({ t: clock.now() });

    clock.advance(42);
    server.send({
      type: "pong",
      id: ping?.id,
      payload: {
        t: ping?.payload.t,
        serverTime: 1_700_000_000_500,
        instance: "tw-a",
      },
    });
    const state = await waitForState(client, (s) => s.latencyMs !== undefined);
    expect(state).toEqual({
      status: "open",
      attempt: 0,
      latencyMs: 42,
      url: server.url,
      instance: "tw-a",
    });

    // The next ping goes out one interval after the pong.
    expect(clock.pendingDelays()).toEqual([15_000]);
    clock.advance(15_000);
    await server.until(() => server.framesOfType("ping").length === 2);
    expect(server.framesOfType("ping")[1]?.payload).toEqual({ t: clock.now() });
  });

  it("drops a socket whose ping goes unanswered, then reconnects and resubscribes", async () => {
    const { clock, server, client } = await heartbeatSetup();
    server.answerPings = false;
    client.connect();
    await client.subscribe("bars", AAPL_1, () => undefined).ready;
    await server.until(() => server.framesOfType("ping").length === 1);

    clock.advance(4_999);
    expect(client.state.status).toBe("open");
    clock.advance(1);
    expect(client.state).toEqual({
      status: "reconnecting",
      attempt: 1,
      delayMs: 250,
      url: server.url,
    });
    // The client closed the silent socket itself rather than wait for TCP to notice.
    await server.until(() => server.closes.length === 1);
    expect(server.closes[0]?.code).toBe(CloseCode.NormalClosure);

    clock.advance(250);
    await server.until(() =>
      server.framesOfType("bars.subscribe").some((f) => f.connection === 2),
    );
    expect(server.connections).toHaveLength(2);
  });

  it("treats a connection that answered a ping as healthy, so the next failure backs off from the start", async () => {
    const { clock, server, client } = await heartbeatSetup();
    client.connect();
    await waitForState(client, (s) => s.latencyMs !== undefined);
    server.drop(CloseCode.TryAgainLater);
    const first = await waitForState(
      client,
      (s) => s.status === "reconnecting",
    );
    expect(first).toMatchObject({ attempt: 1, delayMs: 250 });

    clock.advance(250);
    await waitForState(client, (s) => s.latencyMs !== undefined);
    server.drop(CloseCode.TryAgainLater);
    const second = await waitForState(
      client,
      (s) => s.status === "reconnecting",
    );
    expect(second).toMatchObject({ attempt: 1, delayMs: 250 });
  });
});
