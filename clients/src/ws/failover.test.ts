import { afterEach, describe, expect, it } from "vitest";
import { CloseCode } from "../generated/models.js";
import { TradewireClient } from "./client.js";
import type { Endpoint } from "./endpoints.js";
import type { TradewireClientOptions } from "./options.js";
import { recordStates } from "./testing/client-helpers.js";
import { FakeSockets, type FakeSocket } from "./testing/fake-sockets.js";
import { execution } from "./testing/fixtures.js";
import { ManualClock } from "./testing/manual-clock.js";

const A = "wss://a.example/api/v1/ws";
const B = "wss://b.example/api/v1/ws";
const C = "wss://c.example/api/v1/ws";
const EXECUTIONS_TOPIC = 'executions:{"accountId":"a1"}';
const topicOf = (type: string) =>
  type === "executions.subscribe"
    ? EXECUTIONS_TOPIC
    : 'bars:{"resolution":"1","symbol":"AAPL"}';

describe("TradewireClient failover between URLs", () => {
  const clients: TradewireClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
  });
  const setup = (urls: readonly string[], heartbeatIntervalMs = 0) => {
    const clock = new ManualClock();
    const sockets = new FakeSockets();
    const client = new TradewireClient({
      urls,
      WebSocket: sockets.WebSocket,
      timers: clock,
      now: clock.now,
      random: () => 0,
      reconnect: { initialDelayMs: 100, maxDelayMs: 1_000, factor: 2 },
      heartbeatIntervalMs,
    });
    clients.push(client);
    const endpoints: Endpoint[] = [];
    client.onEndpoint((e) => endpoints.push(e));
    return { clock, sockets, client, endpoints };
  };
  const pong = (socket: FakeSocket, instance: string) => {
    const ping = socket.sent.filter((f) => f.type === "ping").at(-1);
    socket.receive({
      type: "pong",
      id: ping?.id,
      payload: { t: ping?.payload.t, serverTime: 1, instance },
    });
  };

  it("takes exactly one of url and urls, and at least one URL", () => {
    const WebSocket = new FakeSockets().WebSocket;
    const both = { url: A, urls: [B], WebSocket } as unknown;
    const neither = { WebSocket } as unknown;
    for (const options of [both, neither, { urls: [], WebSocket }])
      expect(
        () => new TradewireClient(options as TradewireClientOptions),
      ).toThrow(TypeError);
    expect(new TradewireClient({ url: A, WebSocket }).state.url).toBe(A);
  });

  it("moves at once to the next URL on 1012 and resubscribes executions from its cursor", async () => {
    const { clock, sockets, client, endpoints } = setup([A, B], 15_000);
    const fills: number[] = [];
    const executions = client.subscribe("executions", {}, (x) =>
      fills.push(x.sequence),
    );
    client.connect();
    const a = await sockets.nth(1);
    a.open();
    pong(a, "tw-a");
    expect(client.state).toMatchObject({
      status: "open",
      url: A,
      instance: "tw-a",
    });
    a.confirmSubscribes(topicOf);
    await executions.ready;
    a.receive({
      type: "executions.update",
      payload: { topic: EXECUTIONS_TOPIC, seq: 1, payload: execution(41) },
    });

    a.drop(CloseCode.ServiceRestart);
    expect(client.state).toMatchObject({
      status: "reconnecting",
      attempt: 1,
      delayMs: 0,
      closeCode: 1012,
      url: B,
    });
    expect(client.state.instance).toBeUndefined();
    clock.advance(0);
    const b = await sockets.nth(2);
    expect(sockets.urls).toEqual([A, B]);
    b.open();
    pong(b, "tw-b");
    expect(
      b.sent.find((f) => f.type === "executions.subscribe")?.payload,
    ).toEqual({ since: 41 });
    b.confirmSubscribes(topicOf);
    // A new instance numbers the topic afresh: the ok resets the baseline, so seq 1 is no gap.
    b.receive({
      type: "executions.update",
      payload: { topic: EXECUTIONS_TOPIC, seq: 1, payload: execution(42) },
    });
    expect(fills).toEqual([41, 42]);
    // Seq 1 after an ok is no gap: nothing was subscribed again.
    expect(
      b.sent.filter((f) => f.type === "executions.subscribe"),
    ).toHaveLength(1);
    expect(client.state).toMatchObject({
      status: "open",
      url: B,
      instance: "tw-b",
    });
    expect(endpoints).toEqual([
      { url: A, instance: "tw-a" },
      { url: B },
      { url: B, instance: "tw-b" },
    ]);
  });

  it("goes round the URLs on failed dials with the capped backoff, never at once", async () => {
    const { clock, sockets, client } = setup([A, B, C]);
    const states = recordStates(client);
    client.connect();
    for (let n = 1; n <= 6; n += 1) {
      (await sockets.nth(n)).drop(1006);
      clock.advance(client.state.delayMs ?? Number.NaN);
    }
    expect(sockets.urls.slice(0, 6)).toEqual([A, B, C, A, B, C]);
    const waits = states.filter((s) => s.status === "reconnecting");
    expect(waits.map((s) => [s.delayMs, s.url])).toEqual([
      [100, B],
      [200, C],
      [400, A],
      [800, B],
      [1_000, C],
      [1_000, A],
    ]);
  });

  it("skips the backoff once per healthy connection, so instances closing together are not hammered", async () => {
    const { clock, sockets, client } = setup([A, B], 15_000);
    client.connect();
    const a = await sockets.nth(1);
    a.open();
    a.drop(CloseCode.ServiceRestart);
    expect(client.state.delayMs).toBe(0);
    clock.advance(0);
    const b = await sockets.nth(2);
    b.open();
    // B goes away too before it answered a ping: this time the client waits.
    b.drop(CloseCode.ServiceRestart);
    expect(client.state).toMatchObject({ delayMs: 100, url: A });
    clock.advance(100);
    const a2 = await sockets.nth(3);
    a2.open();
    pong(a2, "tw-a");
    a2.drop(CloseCode.ServiceRestart);
    expect(client.state).toMatchObject({ delayMs: 0, url: B });
  });

  it("stays on its URL when closed as a slow consumer, and stops on 4001", async () => {
    const { clock, sockets, client } = setup([A, B]);
    client.connect();
    const a = await sockets.nth(1);
    a.open();
    a.drop(CloseCode.SlowConsumer);
    expect(client.state).toMatchObject({ status: "reconnecting", url: A });
    clock.advance(client.state.delayMs ?? Number.NaN);
    const again = await sockets.nth(2);
    expect(again.url).toBe(A);
    again.open();
    again.drop(CloseCode.TokenInvalid);
    expect(client.state).toMatchObject({
      status: "closed",
      closeCode: 4001,
      url: A,
    });
    expect(clock.pendingDelays()).toEqual([]);
  });
});
