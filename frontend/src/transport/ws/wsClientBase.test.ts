// @vitest-environment node
import { OrderStatus } from "@tradewire/client";
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import {
  AAPL_1,
  bar,
  ManualClock,
  order,
  ProtocolServer,
  waitForState,
} from "@tradewire/client/testing";
import { until } from "../../../test/support/until";
import { connectionStream } from "../../services/stream";
import { useConnectionStore } from "../../stores/connection";
import { feed } from "../../stores/feed";
import type { Bar } from "../../model/bar";
import type { Order } from "../../model/order";
import { createWsAdapter } from "./wsAdapter";
import { WsClientBase } from "./wsClientBase";

const BARS_TOPIC = 'bars:{"resolution":"1","symbol":"AAPL"}';
const ORDERS_TOPIC = 'orders:{"accountId":"a1"}';

describe("WsClientBase", () => {
  let server: ProtocolServer;
  const held: WsClientBase[] = [];
  const acquire = (
    options: Partial<
      Omit<Parameters<typeof WsClientBase.acquire>[0], "url" | "urls">
    > = {},
  ) => {
    const base = WsClientBase.acquire({
      url: server.url,
      WebSocket,
      heartbeatIntervalMs: 0,
      ...options,
    });
    held.push(base);
    return base;
  };

  beforeEach(async () => {
    setActivePinia(createPinia());
    server = await ProtocolServer.start();
  });
  afterEach(async () => {
    for (const base of held.splice(0)) await base.release();
    await server.stop();
  });

  it("shares one client core per URL and closes the socket when the last user releases it", async () => {
    const first = acquire();
    const second = acquire();
    expect(second).toBe(first);
    await waitForState(first, (s) => s.status === "open");
    expect(server.connections).toHaveLength(1);

    await held.shift()?.release();
    expect(first.state.status).toBe("open");
    await held.shift()?.release();
    expect(first.state.status).toBe("closed");
    expect(WsClientBase.openCount).toBe(0);
    await server.until(() => server.peers.size === 0);
  });

  it("shares one client core per list of URLs, and fails over along it", async () => {
    // Nothing listens on port 1: the first dial is refused and the client moves on.
    const urls = ["ws://127.0.0.1:1/api/v1/ws", server.url];
    const base = WsClientBase.acquire({
      urls,
      WebSocket,
      heartbeatIntervalMs: 0,
      reconnect: { initialDelayMs: 1, maxDelayMs: 1 },
    });
    held.push(base);
    held.push(WsClientBase.acquire({ urls: [...urls], WebSocket }));
    expect(held[1]).toBe(base);
    expect(acquire()).not.toBe(base);
    const open = await waitForState(
      base,
      (s) => s.status === "open" && s.url === server.url,
    );
    expect(open.url).toBe(server.url);
    expect(WsClientBase.openCount).toBe(2);
  });

  it("reconnects with backoff on a fake clock, shows the attempt in the store and resubscribes every live topic", async () => {
    const clock = new ManualClock();
    const base = acquire({
      timers: clock,
      now: clock.now,
      random: () => 0.5,
      reconnect: {
        initialDelayMs: 100,
        maxDelayMs: 1000,
        factor: 2,
        jitter: 0,
      },
    });
    const connection = useConnectionStore();
    feed(connectionStream(base), connection.apply);
    const adapter = createWsAdapter(base);
    const bars: Bar[] = [];
    const orders: Order[] = [];
    expect(
      await adapter.bars.subscribe("chart", AAPL_1, (b) => bars.push(b)),
    ).toEqual({
      ok: true,
      topic: BARS_TOPIC,
    });
    await adapter.orders.subscribe("blotter", {}, (o) => orders.push(o));
    expect(connection.view.status).toBe("connected");

    await server.stop();
    await waitForState(base, (s) => s.status === "reconnecting");
    expect(connection.view).toMatchObject({
      status: "reconnecting",
      attempt: 1,
      retryInMs: 100,
    });

    await server.restart();
    clock.advance(100);
    await waitForState(base, (s) => s.status === "open");
    expect(connection.view).toMatchObject({ status: "connected", attempt: 0 });

    const resent = () =>
      server.frames.filter(
        (f) => f.connection === 2 && f.type.endsWith(".subscribe"),
      );
    await server.until(() => resent().length === 2);
    expect(resent().map((f) => [f.type, f.payload])).toEqual(
      expect.arrayContaining([
        ["bars.subscribe", { symbol: "AAPL", resolution: "1" }],
        ["orders.subscribe", {}],
      ]),
    );
    await server.until(() => [...server.peers.values()][0]?.topics.size === 2);
    server.publish("bars", BARS_TOPIC, 1, bar(1_700_000_060_000, 190.5));
    server.publish(
      "orders",
      ORDERS_TOPIC,
      1,
      order("O7", OrderStatus.Filled, 10),
    );
    await until(
      () => bars.length === 1 && orders.length === 1,
      3000,
      "updates after the reconnect",
    );
    expect(bars[0]).toEqual({ ...bar(1_700_000_060_000, 190.5) });
    expect(orders[0]).toMatchObject({
      id: "O7",
      status: OrderStatus.Filled,
      filledQty: 10,
      duration: "DAY",
    });
  });

  it("shows the ping round trip as latency", async () => {
    const clock = new ManualClock();
    server.answerPings = false;
    const base = acquire({
      timers: clock,
      now: clock.now,
      heartbeatIntervalMs: 15_000,
    });
    const connection = useConnectionStore();
    feed(connectionStream(base), connection.apply);
    await server.until(() => server.framesOfType("ping").length === 1);
    const ping = server.framesOfType("ping")[0];
    clock.advance(42);
    server.send({
      type: "pong",
      id: ping?.id,
      payload: { t: ping?.payload.t, serverTime: 1 },
    });
    await until(() => connection.view.latencyMs !== undefined);
    expect(connection.view).toMatchObject({
      status: "connected",
      latencyMs: 42,
    });
  });

  it("reports the token being refused as tokenRejected", async () => {
    const base = acquire();
    const connection = useConnectionStore();
    feed(connectionStream(base), connection.apply);
    await waitForState(base, (s) => s.status === "open");
    server.drop(4001);
    await until(() => connection.tokenRejected, 3000, "the 4001 close");
    expect(connection.view).toMatchObject({
      status: "offline",
      closeCode: 4001,
    });
  });
});
