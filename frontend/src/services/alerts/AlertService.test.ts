import { describe, expect, it } from "vitest";
import type { AlertEvent_Api_Backend } from "../../clients/api-types-generated";
import type { AlertsApi } from "../../transport/rest/alertsApi";
import { ApiError } from "../../transport/rest/apiError";
import type { ChannelClient } from "../../transport/ws/channel";
import { AlertService, type AlertFeedItem } from "./AlertService";

const event = (sequence: number): AlertEvent_Api_Backend => ({
  sequence,
  alertId: "a1",
  name: "n",
  symbol: "BTCUSD",
  condition: {
    type: "price-cross",
    symbol: "BTCUSD",
    direction: "above",
    level: 1,
  },
  firedAt: sequence,
  price: 2,
  message: "m",
});

function channel() {
  const subscribed: object[] = [];
  const client: ChannelClient<object, never> = {
    subscribe: (_id, params) => {
      subscribed.push(params);
      return Promise.resolve({ ok: true, topic: "t" });
    },
    unsubscribe: () => undefined,
  };
  return { client, subscribed };
}

function service(api: Partial<AlertsApi>) {
  const alerts = channel();
  const events = channel();
  const svc = new AlertService(api as AlertsApi, {
    alerts: alerts.client,
    alertEvents: events.client,
  });
  return { svc, subscribed: events.subscribed };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("AlertService", () => {
  it("hands out the history, then subscribes to alert-events after its newest sequence", async () => {
    const { svc, subscribed } = service({
      events: () => Promise.resolve({ items: [event(7), event(6)] }),
    });
    const items: AlertFeedItem[] = [];
    svc.fired.subscribe((item) => items.push(item));
    await settle();
    expect(items).toMatchObject([
      { kind: "history", events: [{ sequence: 7 }, { sequence: 6 }] },
    ]);
    expect(subscribed).toEqual([{ since: 7 }]);
  });

  it("starts from 0 for an account with no firing, and live only when the history could not be read", async () => {
    const empty = service({ events: () => Promise.resolve({ items: [] }) });
    empty.svc.fired.subscribe(() => undefined);
    await settle();
    expect(empty.subscribed).toEqual([{ since: 0 }]);
    const failing = service({
      events: () => Promise.reject(new Error("down")),
    });
    failing.svc.fired.subscribe(() => undefined);
    await settle();
    expect(failing.subscribed).toEqual([{}]);
  });

  it("answers a refused create with the server's code and message", async () => {
    const { svc } = service({
      create: () =>
        Promise.reject(
          new ApiError({
            status: 422,
            code: "ALERT_LIMIT",
            message: "200 alerts at most",
          }),
        ),
    });
    const outcome = await svc.create({
      condition: {
        type: "price-cross",
        symbol: "BTCUSD",
        direction: "above",
        level: 1,
      },
      repeat: false,
      cooldownSeconds: 60,
    });
    expect(outcome).toEqual({
      ok: false,
      error: {
        status: 422,
        code: "ALERT_LIMIT",
        message: "200 alerts at most",
      },
    });
  });
});
