import { flushPromises, mount } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";
import { memoryStorage } from "../../../test/support/simulation";
import { simulatedWorkspaceApi } from "../../simulation/rest/simulatedWorkspaceApi";
import { useSettingsStore } from "../../stores/settings";
import type { WorkspaceApi } from "../../transport/rest/workspaceApi";
import SettingsDialog from "./SettingsDialog.vue";

describe("SettingsDialog", () => {
  let api: WorkspaceApi;
  beforeEach(async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    api = simulatedWorkspaceApi(
      memoryStorage(),
      () => "alice",
      () => 0,
    );
    await useSettingsStore().load(api);
  });

  const open = (
    askPermission: () => Promise<boolean> = () => Promise.resolve(true),
  ) =>
    mount(SettingsDialog, {
      props: { askPermission },
      attachTo: document.body,
    });
  const field = (w: ReturnType<typeof open>, id: string) =>
    w.get(`[data-testid="settings-${id}"]`);

  it("labels every control and shows the saved settings", () => {
    const wrapper = open();
    for (const input of wrapper.findAll("input, select")) {
      const id = input.attributes("id");
      expect(wrapper.find(`label[for="${id}"]`).exists(), id).toBe(true);
    }
    expect(
      (field(wrapper, "default-notional").element as HTMLInputElement).value,
    ).toBe("1000");
    expect(
      (field(wrapper, "confirm-orders").element as HTMLInputElement).checked,
    ).toBe(true);
    wrapper.unmount();
  });

  it("saves each change on the server at once", async () => {
    const wrapper = open();
    await field(wrapper, "default-notional").setValue("2500");
    await field(wrapper, "confirm-threshold").setValue("0");
    await field(wrapper, "confirm-close").setValue(false);
    await field(wrapper, "sound").setValue(true);
    await field(wrapper, "theme").setValue("light");
    await field(wrapper, "notifications").setValue(true);
    await flushPromises();
    expect(await api.settings()).toMatchObject({
      defaultNotional: 2500,
      confirmOrders: true,
      confirmAboveNotional: 0,
      confirmClose: false,
      sound: true,
      notifications: true,
      theme: "light",
    });
    await field(wrapper, "confirm-orders").setValue(false);
    await flushPromises();
    expect((await api.settings()).confirmOrders).toBe(false);
    expect(
      (field(wrapper, "confirm-threshold").element as HTMLInputElement)
        .disabled,
    ).toBe(true);
    wrapper.unmount();
  });

  it("refuses an amount out of the spec's range and keeps the saved one", async () => {
    const wrapper = open();
    await field(wrapper, "default-notional").setValue("0");
    await flushPromises();
    expect(field(wrapper, "default-notional").attributes("aria-invalid")).toBe(
      "true",
    );
    expect(wrapper.text()).toContain("More than 0");
    expect((await api.settings()).defaultNotional).toBe(1000);
    wrapper.unmount();
  });

  it("turns notifications on only when the browser allows them", async () => {
    const wrapper = open(() => Promise.resolve(false));
    await field(wrapper, "notifications").setValue(true);
    await flushPromises();
    expect(
      (field(wrapper, "notifications").element as HTMLInputElement).checked,
    ).toBe(false);
    expect(field(wrapper, "note").text()).toContain(
      "does not allow notifications",
    );
    expect((await api.settings()).notifications).toBe(false);
    wrapper.unmount();
  });

  it("closes with Escape", async () => {
    const wrapper = open();
    await wrapper
      .get(`[data-testid="settings-dialog"]`)
      .trigger("keydown", { key: "Escape" });
    expect(wrapper.emitted("close")).toHaveLength(1);
    wrapper.unmount();
  });
});
