import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";
import { memoryStorage } from "../../test/support/simulation";
import { simulatedWorkspaceApi } from "../simulation/rest/simulatedWorkspaceApi";
import type { WorkspaceApi } from "../transport/rest/workspaceApi";
import { carryOverAlertPrefs } from "./alertPrefsCarryOver";
import { useSettingsStore } from "./settings";

const oldKey = (user: string) => `tradewire.alertPrefs.${user}`;
const saveOld = (user: string, value: unknown) =>
  localStorage.setItem(oldKey(user), JSON.stringify(value));

describe("carryOverAlertPrefs", () => {
  let api: WorkspaceApi;
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    api = simulatedWorkspaceApi(
      memoryStorage(),
      () => "alice",
      () => 0,
    );
  });

  it("moves the old browser choices to the server's settings once, then removes the old key", async () => {
    saveOld("alice", { notifications: true, sound: true });
    saveOld("bob", { sound: true });
    const settings = useSettingsStore();
    await settings.load(api);
    await carryOverAlertPrefs("alice");
    expect([settings.settings.sound, settings.settings.notifications]).toEqual([
      true,
      true,
    ]);
    const server = await api.settings();
    expect([server.sound, server.notifications]).toEqual([true, true]);
    expect(localStorage.getItem(oldKey("alice"))).toBeNull();
    // Another user's old choices wait for that user.
    expect(localStorage.getItem(oldKey("bob"))).not.toBeNull();

    // Turned off afterwards on the server: a second start carries nothing over again.
    await settings.update({ sound: false, notifications: false });
    setActivePinia(createPinia());
    await useSettingsStore().load(api);
    await carryOverAlertPrefs("alice");
    expect(useSettingsStore().settings.sound).toBe(false);
  });

  it("leaves settings the user already chose on the server, and drops the old key", async () => {
    saveOld("alice", { notifications: true, sound: false });
    const settings = useSettingsStore();
    await settings.load(api);
    await settings.update({ sound: true });
    await carryOverAlertPrefs("alice");
    const server = await api.settings();
    expect([server.sound, server.notifications]).toEqual([true, false]);
    expect(localStorage.getItem(oldKey("alice"))).toBeNull();
  });

  it("ignores tampered old values", async () => {
    saveOld("alice", { sound: "yes", notifications: 1 });
    const settings = useSettingsStore();
    await settings.load(api);
    await carryOverAlertPrefs("alice");
    expect([settings.settings.sound, settings.settings.notifications]).toEqual([
      false,
      false,
    ]);
    expect(localStorage.getItem(oldKey("alice"))).toBeNull();
  });

  it("keeps the old key while the server's settings are not loaded or refuse the change", async () => {
    saveOld("alice", { sound: true });
    await carryOverAlertPrefs("alice");
    expect(useSettingsStore().settings.sound).toBe(false);
    expect(localStorage.getItem(oldKey("alice"))).not.toBeNull();

    const refusing: WorkspaceApi = {
      ...api,
      replaceSettings: () => Promise.reject(new Error("settings unavailable")),
    };
    await useSettingsStore().load(refusing);
    await carryOverAlertPrefs("alice");
    expect(useSettingsStore().error).toBe("settings unavailable");
    expect(localStorage.getItem(oldKey("alice"))).not.toBeNull();
    expect((await api.settings()).sound).toBe(false);
  });
});
