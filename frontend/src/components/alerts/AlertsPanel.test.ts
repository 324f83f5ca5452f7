import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fired, rule } from "../../../test/support/alerts";
import { mountTerminal } from "../../../test/support/mountTerminal";
import { simulation, type Simulation } from "../../../test/support/simulation";
import { useAlertsStore } from "../../stores/alerts";
import { useSettingsStore } from "../../stores/settings";
import { useToastsStore } from "../../stores/toasts";
import ToastStack from "../common/ToastStack.vue";
import AlertsPanel from "./AlertsPanel.vue";

describe("Alerts panel and toasts", () => {
  let sim: Simulation;
  afterEach(() => {
    void sim.services.dispose();
    vi.unstubAllGlobals();
  });

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

  it("its sound and notification boxes are the settings' sound and notifications", async () => {
    localStorage.clear();
    // A browser that has not been asked yet, so the notifications box is enabled.
    vi.stubGlobal(
      "Notification",
      Object.assign(function Notification() {}, { permission: "default" }),
    );
    sim = simulation();
    let allow = false;
    const wrapper = mountTerminal(AlertsPanel, sim, {
      props: { askPermission: () => Promise.resolve(allow) },
    });
    const settings = useSettingsStore();
    await settings.load(sim.services.workspace);
    const box = (id: string) =>
      wrapper.get<HTMLInputElement>(`[data-testid="alert-pref-${id}"]`);

    await box("sound").setValue(true);
    await flushPromises();
    expect(settings.settings.sound).toBe(true);
    expect((await sim.services.workspace.settings()).sound).toBe(true);
    // The settings dialog's change shows here too: one setting, not two.
    await settings.update({ sound: false });
    await flushPromises();
    expect(box("sound").element.checked).toBe(false);

    // Turning notifications on asks the browser first; a refusal leaves them off.
    await box("notifications").setValue(true);
    await flushPromises();
    expect(box("notifications").element.checked).toBe(false);
    expect(settings.settings.notifications).toBe(false);
    allow = true;
    await box("notifications").setValue(true);
    await flushPromises();
    expect(settings.settings.notifications).toBe(true);
    expect((await sim.services.workspace.settings()).notifications).toBe(true);
    expect(localStorage.getItem("tradewire.alertPrefs.alice")).toBeNull();
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
