import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { simulation, type Simulation } from "../../test/support/simulation";
import { priceCrossInput } from "../model/alert";
import { SimulatedAdapter } from "../simulation";
import { fired, rule } from "../../test/support/alerts";
import type { FiredAlert } from "../model/alert";
import type {
  AlertFeedItem,
  AlertService,
} from "../services/alerts/AlertService";
import type { NotifyEnvironment } from "../services/alerts/alertNotifier";
import type { Stream } from "../services/stream";
import type { AlertRule } from "../model/alert";
import { until } from "../../test/support/until";
import { useAlertsStore } from "./alerts";
import { feedAlerts } from "./feeds";
import { useSettingsStore } from "./settings";
import { useToastsStore } from "./toasts";

/** A stream the test pushes into. */
function pushStream<T>() {
  const listeners = new Set<(value: T) => void>();
  const stream: Stream<T> = {
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  return { stream, push: (value: T) => listeners.forEach((l) => l(value)) };
}

function setup(hidden = false) {
  const rules = pushStream<AlertRule>();
  const events = pushStream<AlertFeedItem>();
  const service = { rules: rules.stream, fired: events.stream } as AlertService;
  const calls = { notifications: 0, beeps: 0 };
  const env: NotifyEnvironment = {
    hidden: () => hidden,
    permission: () => "granted",
    showNotification: () => void (calls.notifications += 1),
    beep: () => void (calls.beeps += 1),
  };
  const stop = feedAlerts(service, env);
  const live = (...list: FiredAlert[]) =>
    list.forEach((event) => events.push({ kind: "fired", event }));
  return { rules, events, calls, stop, live };
}

describe("feedAlerts", () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it("lists the history without toasting it, and toasts each live firing once with its message", () => {
    const { events, live } = setup();
    events.push({ kind: "history", events: [fired(2), fired(1)] });
    expect(useToastsStore().list).toEqual([]);
    live(fired(3));
    // The replay after a reconnect repeats 3 (and 2, from the history) and brings 4.
    live(fired(2), fired(3), fired(4));
    expect(useToastsStore().list.map((t) => [t.title, t.body])).toEqual([
      ["BTCUSD above 90000", "BTCUSD crossed above 90,000.00 at 90,001.00"],
      ["BTCUSD above 90000", "BTCUSD crossed above 90,000.00 at 90,001.00"],
    ]);
    expect(useAlertsStore().fired.map((e) => e.sequence)).toEqual([4, 3, 2, 1]);
  });

  it("notifies while the page is hidden when the trader turned it on in the settings, and beeps with the sound on", async () => {
    await useSettingsStore().update({ notifications: true, sound: true });
    const { calls, live } = setup(true);
    live(fired(1), fired(1));
    expect(calls).toEqual({ notifications: 1, beeps: 1 });
    expect(useToastsStore().list).toHaveLength(1);
  });

  it("neither notifies nor beeps with the settings' sound and notifications off (the defaults)", () => {
    const { calls, live } = setup(true);
    live(fired(1));
    expect(calls).toEqual({ notifications: 0, beeps: 0 });
    expect(useToastsStore().list).toHaveLength(1);
  });

  it("follows the rules channel, a deleted rule leaving the list", () => {
    const { rules, stop } = setup();
    rules.push(rule("a1"));
    rules.push(rule("a2", { createdAt: 2 }));
    rules.push(rule("a1", { status: "deleted" }));
    expect(useAlertsStore().list.map((r) => r.id)).toEqual(["a2"]);
    stop();
    rules.push(rule("a3"));
    expect(useAlertsStore().list.map((r) => r.id)).toEqual(["a2"]);
  });

  describe("over the simulation", () => {
    let sim: Simulation;
    afterEach(() => sim.services.dispose());

    it("an alert at the simulated market's price fires on its walk: triggered, toasted once", async () => {
      sim = simulation();
      const { services, clock } = sim;
      const stop = feedAlerts(services.alerts, {
        hidden: () => true,
        permission: () => "granted",
        showNotification: () => undefined,
        beep: () => undefined,
      });
      const { adapter } = services;
      if (!(adapter instanceof SimulatedAdapter))
        throw new Error("not simulated");
      const last = adapter.server.market.price("BTCUSD") ?? 0;
      const created = await services.alerts.create(
        priceCrossInput("BTCUSD", Number((last * 1.0002).toFixed(2)), last),
      );
      expect(created.ok).toBe(true);
      const alerts = useAlertsStore();
      await until(() => alerts.list.length === 1);
      for (let i = 0; i < 2000 && alerts.fired.length === 0; i += 1) {
        clock.advance(1000);
        await Promise.resolve();
      }
      await until(() => alerts.fired.length === 1);
      expect(alerts.list[0]?.status).toBe("triggered");
      expect(useToastsStore().list.map((t) => t.body)).toEqual([
        alerts.fired[0]?.message,
      ]);
      expect(alerts.fired[0]?.message).toMatch(
        /^BTCUSD crossed above [\d,.]+ at [\d,.]+$/,
      );
      stop();
    });
  });
});
