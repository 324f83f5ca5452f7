import { flushPromises } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";
import { effectScope, nextTick } from "vue";
import { memoryStorage } from "../../../test/support/simulation";
import { simulatedWorkspaceApi } from "../../simulation/rest/simulatedWorkspaceApi";
import { useSettingsStore } from "../../stores/settings";
import { applySavedTheme, savedTheme, useTheme } from "./useTheme";

const html = () => document.documentElement;
const stored = () => localStorage.getItem("tradewire.theme");

describe("theme", () => {
  beforeEach(() => {
    localStorage.clear();
    delete html().dataset.theme;
    setActivePinia(createPinia());
  });

  function serverWithTheme(theme: "dark" | "light") {
    const api = simulatedWorkspaceApi(
      memoryStorage(),
      () => "alice",
      () => 0,
    );
    return {
      api,
      ready: api.replaceSettings({ ...useSettingsStore().settings, theme }),
    };
  }

  it("applies the theme saved in this browser at startup, before any settings load", () => {
    localStorage.setItem("tradewire.theme", JSON.stringify("light"));
    applySavedTheme();
    expect(html().dataset.theme).toBe("light");
  });

  it("ignores a missing or unknown saved theme", () => {
    applySavedTheme();
    expect(html().dataset.theme).toBeUndefined();
    localStorage.setItem("tradewire.theme", JSON.stringify("neon"));
    expect(savedTheme()).toBeUndefined();
    applySavedTheme();
    expect(html().dataset.theme).toBeUndefined();
    localStorage.setItem("tradewire.theme", "{not json");
    expect(savedTheme()).toBeUndefined();
  });

  it("keeps the saved theme on the sign-in page and until the server's settings load; the server wins", async () => {
    localStorage.setItem("tradewire.theme", JSON.stringify("light"));
    const { api, ready } = serverWithTheme("dark");
    await ready;
    const scope = effectScope();
    scope.run(() => useTheme());
    await nextTick();
    // The store still holds the default (dark) settings, unloaded: the saved light theme stays.
    expect(html().dataset.theme).toBe("light");

    await useSettingsStore().load(api);
    await flushPromises();
    expect(html().dataset.theme).toBe("dark");
    expect(JSON.parse(stored() ?? "null")).toBe("dark");

    // Signing out resets the store: the sign-in page keeps the last applied theme.
    useSettingsStore().reset();
    await nextTick();
    expect(html().dataset.theme).toBe("dark");
    scope.stop();
  });

  it("remembers a theme chosen in the settings for the next start", async () => {
    const { api } = serverWithTheme("dark");
    const scope = effectScope();
    scope.run(() => useTheme());
    await useSettingsStore().load(api);
    await useSettingsStore().update({ theme: "light" });
    await flushPromises();
    expect(html().dataset.theme).toBe("light");
    expect(JSON.parse(stored() ?? "null")).toBe("light");
    scope.stop();

    delete html().dataset.theme;
    applySavedTheme();
    expect(html().dataset.theme).toBe("light");
  });
});
