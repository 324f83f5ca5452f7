import {
  CloseCode,
  TradewireClient,
  type Bar,
  type ConnectionState,
  type Order,
} from "@tradewire/client";
import WebSocket from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { JwtAuth } from "../../src/auth/jwt";
import { systemClock } from "../../src/clock";
import { takeViolations } from "../support/conformance";
import {
  bar,
  startTestApp,
  TEST_JWT_SECRET,
  type TestApp,
} from "../support/test-app";
import { until } from "../support/test-socket";

const TOPIC = 'bars:{"resolution":"1","symbol":"AAPL"}';

describe("the TypeScript client against the real backend", () => {
  let t: TestApp | null = null;
  let client: TradewireClient | null = null;
  afterEach(async () => {
    await client?.close();
    await t?.close();
    client = t = null;
    expect(takeViolations()).toEqual([]);
  });

  it("subscribes once for two listeners and receives typed updates", async () => {
    t = await startTestApp();
    client = new TradewireClient({ url: t.wsUrl, WebSocket });
    client.connect();
    const first: Bar[] = [];
    const second: Bar[] = [];
    const a = client.subscribe(
      "bars",
      { symbol: "AAPL", resolution: "1" },
      (b) => first.push(b),
    );
    const b = client.subscribe(
      "bars",
      { resolution: "1", symbol: "AAPL" },
      (x) => second.push(x),
    );
    expect(await a.ready).toBe(TOPIC);
    expect(await b.ready).toBe(TOPIC);
    expect(t.services.bars.created).toEqual([TOPIC]);
    t.services.bars.publish(TOPIC, bar(1_700_000_000_000, 190.5));
    await until(() => first.length === 1 && second.length === 1);
    expect(first[0]).toEqual(bar(1_700_000_000_000, 190.5));
    a.unsubscribe();
    b.unsubscribe();
    await until(
      () => t?.services.bars.removed.includes(TOPIC) ?? false,
      3000,
      "the last listener leaving removes the topic",
    );
  });

  it("reconnects after the server restarts on the same port and resubscribes every live topic", async () => {
    t = await startTestApp({ WS_HEARTBEAT_MS: "3600000" });
    const port = Number(new URL(t.httpUrl).port);
    const token = (
      await new JwtAuth(TEST_JWT_SECRET, systemClock).sign({
        userId: "u1",
        accountId: "acc-1",
      })
    ).token;
    const states: ConnectionState[] = [];
    client = new TradewireClient({
      url: t.wsUrl,
      WebSocket,
      token,
      reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
    });
    client.onState((s) => states.push(s));
    client.connect();
    const bars: Bar[] = [];
    const orders: Order[] = [];
    await client.subscribe("bars", { symbol: "AAPL", resolution: "1" }, (b) =>
      bars.push(b),
    ).ready;
    await client.subscribe("orders", {}, (o) => orders.push(o)).ready;

    await t.close();
    await until(() =>
      states.some(
        (s) =>
          s.status === "reconnecting" &&
          s.closeCode === CloseCode.ServiceRestart,
      ),
    );
    t = await startTestApp({ WS_HEARTBEAT_MS: "3600000" }, undefined, port);
    const restarted = t;
    await until(
      () =>
        restarted.services.bars.publishers.has(TOPIC) &&
        restarted.services.orders.publishers.has(
          'orders:{"accountId":"acc-1"}',
        ),
      5000,
      "resubscribed after the restart",
    );
    expect(client.state.status).toBe("open");

    restarted.services.bars.publish(TOPIC, bar(1_700_000_060_000, 191));
    restarted.services.orders.publish('orders:{"accountId":"acc-1"}', {
      id: "o-1",
      symbol: "AAPL",
      type: 1,
      side: 1,
      qty: 10,
      status: 6,
      limitPrice: 150,
      filledQty: 0,
      duration: { type: "GTC" },
      createTime: 1,
      updateTime: 1,
    });
    await until(() => bars.length === 1 && orders.length === 1);
    expect(bars[0]?.close).toBe(191);
    expect(orders[0]?.id).toBe("o-1");
  });

  it("rejects a subscribe the server refuses with the server's code", async () => {
    t = await startTestApp();
    client = new TradewireClient({ url: t.wsUrl, WebSocket });
    client.connect();
    const refused = client.subscribe("orders", {}, () => undefined);
    await expect(refused.ready).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
