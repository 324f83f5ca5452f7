import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { fired, rule } from "../../../test/support/alerts";
import { mountTerminal } from "../../../test/support/mountTerminal";
import { simulation, type Simulation } from "../../../test/support/simulation";
import { useAlertsStore } from "../../stores/alerts";
import { useToastsStore } from "../../stores/toasts";
import ToastStack from "../common/ToastStack.vue";
import AlertsPanel from "./AlertsPanel.vue";

describe("Alerts panel and toasts", () => {
  let sim: Simulation;
  afterEach(() => sim.services.dispose());

  it("lists rules with their status and fired history, and shows a refused delete", async () => {
    localStorage.clear();
    sim = simulation();
    const wrapper = mountTerminal(AlertsPanel, sim);
    const alerts = useAlertsStore();
    alerts.applyRule(rule("a1", { status: "triggered", fireCount: 1 }));
    alerts.applyRule(rule("a2", { createdAt: 2 }));
    alerts.addFired([fired(1)]);
    await flushPromises();
    expect(
      wrapper.get('[data-testid="alert-status-a1"]').attributes("data-status"),
    ).toBe("triggered");
    expect(
      (
        wrapper.get('[data-testid="alert-level-a2"]')
          .element as HTMLInputElement
      ).value,
    ).toBe("90000");
    expect(wrapper.get('[data-testid="fired-alert-1"]').text()).toContain(
      "BTCUSD crossed above 90,000.00",
    );
    // The simulated server never had a2: its refusal is shown, the rule stays until it says so.
    await wrapper.get('[data-testid="alert-delete-a2"]').trigger("click");
    await flushPromises();
    expect(wrapper.get('[data-testid="alerts-error"]').text()).toBe(
      "no alert a2",
    );
    expect(alerts.list).toHaveLength(2);
    alerts.applyRule(rule("a2", { status: "deleted" }));
    await flushPromises();
    expect(wrapper.find('[data-testid="alert-row-a2"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it("keeps the sound toggle per user", async () => {
    localStorage.clear();
    sim = simulation();
    const wrapper = mountTerminal(AlertsPanel, sim);
    useAlertsStore().loadPrefs("alice");
    await wrapper.get('[data-testid="alert-pref-sound"]').setValue(true);
    expect(useAlertsStore().prefs.sound).toBe(true);
    expect(
      JSON.parse(localStorage.getItem("tradewire.alertPrefs.alice") ?? "{}"),
    ).toMatchObject({ sound: true });
    wrapper.unmount();
  });

  it("shows toasts until dismissed", async () => {
    localStorage.clear();
    sim = simulation();
    const wrapper = mountTerminal(ToastStack, sim);
    useToastsStore().push(
      "BTCUSD above 90000",
      "BTCUSD crossed above 90,000.00",
    );
    await flushPromises();
    expect(wrapper.get('[data-testid="toast-body"]').text()).toBe(
      "BTCUSD crossed above 90,000.00",
    );
    await wrapper.get('[data-testid="toast-dismiss"]').trigger("click");
    expect(wrapper.find('[data-testid="toast"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
