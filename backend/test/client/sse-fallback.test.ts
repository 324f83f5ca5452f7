import {
  CloseCode,
  TradewireClient,
  type Bar,
  type Order,
} from "@tradewire/client";
import WebSocket from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { takeViolations } from "../support/conformance";
import { bar, metric, startTestApp, type TestApp } from "../support/test-app";
import { until } from "../support/test-socket";
import {
  startUpgradeRefusingProxy,
  type UpgradeRefusingProxy,
} from "../support/upgrade-refusing-proxy";
import { paddedOrder, tokenFor } from "../ws/flood";

const TOPIC = 'bars:{"resolution":"1","symbol":"AAPL"}';

describe("the client's fallback transport against the real backend", () => {
  let t: TestApp | null = null;
  let proxy: UpgradeRefusingProxy | null = null;
  let client: TradewireClient | null = null;
  afterEach(async () => {
    await client?.close();
    await proxy?.close();
    await t?.close();
    client = t = proxy = null;
    expect(takeViolations()).toEqual([]);
  });

  /** The app behind a proxy that refuses upgrades, and a client that may fall back. */
  const behindProxy = async (options: { token?: string } = {}) => {
    t = await startTestApp();
    proxy = await startUpgradeRefusingProxy(t.httpUrl);
    client = new TradewireClient({
      url: `${proxy.url.replace(/^http/, "ws")}/api/v1/ws`,
      WebSocket,
      transports: ["websocket", "sse"],
      reconnect: { initialDelayMs: 10, maxDelayMs: 50 },
      ...options,
    });
    client.connect();
    return { t, proxy, client };
  };

  it("falls back to the event stream when the upgrade is refused, and streams typed updates", async () => {
    const { t, proxy, client } = await behindProxy();
    const bars: Bar[] = [];
    const sub = client.subscribe(
      "bars",
      { symbol: "AAPL", resolution: "1" },
      (b) => bars.push(b),
    );
    expect(await sub.ready).toBe(TOPIC);
    expect(client.state).toMatchObject({ status: "open", transport: "sse" });
    expect(proxy.refusedUpgrades).toBe(1);
    t.services.bars.publish(TOPIC, bar(1_700_000_000_000, 190.5));
    t.services.bars.publish(TOPIC, bar(1_700_000_060_000, 191));
    await until(() => bars.length === 2);
    expect(bars.map((b) => b.close)).toEqual([190.5, 191]);
    expect(
      await metric(t, "tradewire_ws_transport_sockets", '{transport="sse"}'),
    ).toBe(1);
    sub.unsubscribe();
    await until(
      () => t.services.bars.removed.includes(TOPIC),
      3000,
      "the topic to be removed",
    );
  });

  it("keeps to the event stream after the network drops it, resubscribing without another upgrade", async () => {
    const { t, proxy, client } = await behindProxy();
    const bars: Bar[] = [];
    const sub = client.subscribe(
      "bars",
      { symbol: "AAPL", resolution: "1" },
      (b) => bars.push(b),
    );
    await sub.ready;
    // Transitions are recorded, not polled: with a 10 ms redial the
    // "reconnecting" state can come and go between two polls.
    const seen: string[] = [];
    client.onState((s) => seen.push(s.status));
    // The network drops the stream (1006): the client redials.
    proxy.dropConnections();
    await until(
      () => seen.includes("reconnecting"),
      3000,
      "the loss to be seen",
    );
    await until(() => client.state.status === "open", 3000, "the reconnect");
    await until(() => t.services.bars.refs.has(TOPIC), 3000, "the resubscribe");
    expect(client.state.transport).toBe("sse");
    expect(proxy.refusedUpgrades).toBe(1);
    t.services.bars.publish(TOPIC, bar(1_700_000_000_000, 200));
    await until(() => bars.length === 1);
  });

  it("carries the token: an account channel over the event stream", async () => {
    const token = await tokenFor("acc-sse");
    const { t, client } = await behindProxy({ token });
    const orders: Order[] = [];
    const sub = client.subscribe("orders", {}, (o) => orders.push(o));
    expect(await sub.ready).toBe('orders:{"accountId":"acc-sse"}');
    t.services.orders.publish('orders:{"accountId":"acc-sse"}', paddedOrder(1));
    await until(() => orders.length === 1);
    expect(orders[0]?.id).toBe("o-1");
  });

  it("stops for good on a bad token: the stream's close event says 4001", async () => {
    const { client } = await behindProxy({ token: "not-a-jwt" });
    await until(
      () => client.state.status === "closed",
      3000,
      "the client to stop",
    );
    expect(client.state.closeCode).toBe(CloseCode.TokenInvalid);
  });

  it("uses the WebSocket when it opens, and says so", async () => {
    t = await startTestApp();
    client = new TradewireClient({
      url: t.wsUrl,
      WebSocket,
      transports: ["websocket", "sse"],
    });
    client.connect();
    await until(() => client?.state.status === "open");
    expect(client.state.transport).toBe("websocket");
    expect(
      await metric(
        t,
        "tradewire_ws_transport_sockets",
        '{transport="websocket"}',
      ),
    ).toBe(1);
  });
});
