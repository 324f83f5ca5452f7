// @vitest-environment node
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import {
  ManualClock,
  ProtocolServer,
  waitForState,
} from "@tradewire/client/testing";
import type { AlertEvent_Api_Backend } from "../../clients/api-types-generated";
import { until } from "../../../test/support/until";
import { useAlertsStore } from "../../stores/alerts";
import { feedAlerts } from "../../stores/feeds";
import { useToastsStore } from "../../stores/toasts";
import type { AlertsApi } from "../../transport/rest/alertsApi";
import { createWsAdapter } from "../../transport/ws/wsAdapter";
import { WsClientBase } from "../../transport/ws/wsClientBase";
import { AlertService } from "./AlertService";

const TOPIC = 'alert-events:{"accountId":"a1"}';

const event = (sequence: number): AlertEvent_Api_Backend => ({
  sequence,
  alertId: "r1",
  name: "BTCUSD above 90000",
  symbol: "BTCUSD",
  condition: {
    type: "price-cross",
    symbol: "BTCUSD",
    direction: "above",
    level: 90_000,
  },
  firedAt: 1_000 + sequence,
  price: 90_000 + sequence,
  message: `fired #${sequence}`,
});

describe("fired alerts across a reconnect (client core over the protocol test server)", () => {
  let server: ProtocolServer;
  let base: WsClientBase;

  beforeEach(async () => {
    setActivePinia(createPinia());
    server = await ProtocolServer.start();
  });
  afterEach(async () => {
    await base.release();
    await server.stop();
  });

  it("subscribes after the history, resumes with since = the last sequence, and toasts no firing twice", async () => {
    const clock = new ManualClock();
    base = WsClientBase.acquire({
      url: server.url,
      WebSocket,
      heartbeatIntervalMs: 0,
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
    const api = {
      events: () => Promise.resolve({ items: [event(1)] }),
    } as unknown as AlertsApi;
    const stop = feedAlerts(new AlertService(api, createWsAdapter(base)), {
      hidden: () => false,
      permission: () => "default",
      showNotification: () => undefined,
      beep: () => undefined,
    });
    const subscribes = (connection: number) =>
      server.frames.filter(
        (f) =>
          f.connection === connection && f.type === "alert-events.subscribe",
      );
    await server.until(() => subscribes(1).length === 1);
    expect(subscribes(1)[0]?.payload).toEqual({ since: 1 });
    await server.until(
      () => [...server.peers.values()][0]?.topics.has(TOPIC) === true,
    );
    server.publish("alert-events", TOPIC, 1, event(2));
    const alerts = useAlertsStore();
    await until(() => alerts.fired.length === 2, 3000, "firing 2");

    await server.stop();
    await waitForState(base, (s) => s.status === "reconnecting");
    await server.restart();
    clock.advance(100);
    await waitForState(base, (s) => s.status === "open");
    await server.until(() => subscribes(2).length === 1);
    expect(subscribes(2)[0]?.payload).toEqual({ since: 2 });
    await server.until(
      () => [...server.peers.values()][0]?.topics.has(TOPIC) === true,
    );
    // A repeat of 2 (a server replaying from too far back), 3 fired while the socket was down, 4 live.
    server.publish("alert-events", TOPIC, 1, event(2));
    server.publish("alert-events", TOPIC, 2, event(3));
    server.publish("alert-events", TOPIC, 3, event(4));
    await until(() => alerts.fired.length === 4, 3000, "firings 3 and 4");
    expect(alerts.fired.map((e) => e.sequence)).toEqual([4, 3, 2, 1]);
    expect(useToastsStore().list.map((t) => t.body)).toEqual([
      "fired #2",
      "fired #3",
      "fired #4",
    ]);
    stop();
  });
});
