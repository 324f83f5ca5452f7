import type { UserSettings_Api_Backend } from "../clients/api-types-generated";
import { defaultSettings } from "../model/settings";
import { loadJson, removeSaved } from "./persist";
import { useSettingsStore } from "./settings";

/** Where the Alerts tab kept sound and notifications in the browser before they moved to settings. */
export const oldAlertPrefsKey = (user: string) => `alertPrefs.${user}`;

type Choices = Pick<UserSettings_Api_Backend, "sound" | "notifications">;

/**
 * Once, after the server's settings have loaded: a user's old browser-kept alert choices carry
 * over to `settings.sound` / `settings.notifications` while the server still has both at their
 * defaults (a choice made on the server wins); the old key is removed once the server has them.
 */
export async function carryOverAlertPrefs(user: string): Promise<void> {
  const settings = useSettingsStore();
  if (!settings.loaded) return;
  const key = oldAlertPrefsKey(user);
  const old = loadJson<unknown>(key);
  const defaults = defaultSettings();
  const untouched =
    settings.settings.sound === defaults.sound &&
    settings.settings.notifications === defaults.notifications;
  const patch = untouched ? changedChoices(old, defaults) : {};
  if (Object.keys(patch).length > 0) {
    await settings.update(patch);
    // Kept for the next start when the server did not take them.
    if (settings.error) return;
  }
  removeSaved(key);
}

/** The old choices that are booleans and differ from the defaults (tampered values are dropped). */
function changedChoices(old: unknown, defaults: Choices): Partial<Choices> {
  if (typeof old !== "object" || old === null) return {};
  const out: Partial<Choices> = {};
  for (const name of ["sound", "notifications"] as const) {
    const value = (old as Record<string, unknown>)[name];
    if (typeof value === "boolean" && value !== defaults[name])
      out[name] = value;
  }
  return out;
}
