import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { mountTerminal } from "../test/support/mountTerminal";
import { simulation, type Simulation } from "../test/support/simulation";
import { useSettingsStore } from "./stores/settings";
import App from "./App.vue";

describe("App", () => {
  let sim: Simulation;
  afterEach(() => sim.services.dispose());

  it("goes from sign-in to the terminal and back, keeping the session across a reload", async () => {
    sim = simulation();
    const wrapper = mountTerminal(App, sim);
    await flushPromises();
    expect(wrapper.find('[data-testid="login-form"]').exists()).toBe(true);

    await wrapper.get('[data-testid="login-username"]').setValue("alice");
    await wrapper.get('[data-testid="login-password"]').setValue("demo1234");
    await wrapper.get('[data-testid="login-form"]').trigger("submit");
    await flushPromises();
    for (const id of [
      "terminal",
      "chart",
      "watchlist",
      "ticket",
      "account-manager",
      "connection-status",
    ]) {
      expect(wrapper.find(`[data-testid="${id}"]`).exists(), id).toBe(true);
    }
    expect(wrapper.get('[data-testid="session-user"]').text()).toContain(
      "Alice Demo",
    );
    wrapper.unmount();

    const reloaded = mountTerminal(App, sim);
    await flushPromises();
    expect(reloaded.find('[data-testid="terminal"]').exists()).toBe(true);
    await reloaded.get('[data-testid="logout"]').trigger("click");
    await flushPromises();
    expect(reloaded.find('[data-testid="login-form"]').exists()).toBe(true);
    reloaded.unmount();
  });

  it("carries the old browser-kept alert sound over to the server's settings on sign-in", async () => {
    localStorage.clear();
    localStorage.setItem(
      "tradewire.alertPrefs.alice",
      JSON.stringify({ notifications: false, sound: true }),
    );
    sim = simulation();
    const wrapper = mountTerminal(App, sim);
    await flushPromises();
    await wrapper.get('[data-testid="login-username"]').setValue("alice");
    await wrapper.get('[data-testid="login-password"]').setValue("demo1234");
    await wrapper.get('[data-testid="login-form"]').trigger("submit");
    await flushPromises();
    expect(useSettingsStore().settings.sound).toBe(true);
    expect((await sim.services.workspace.settings()).sound).toBe(true);
    expect(localStorage.getItem("tradewire.alertPrefs.alice")).toBeNull();
    wrapper.unmount();
  });
});
