import { defineStore } from "pinia";
import { ref, shallowRef } from "vue";
import type { UserSettings_Api_Backend } from "../clients/api-types-generated";
import { defaultSettings, toSettings, type Settings } from "../model/settings";
import type { WorkspaceApi } from "../transport/rest/workspaceApi";

/** The spec's cap on remembered quantities; the oldest symbol makes room. */
const MAX_QUANTITIES = 500;

/**
 * The user's settings, kept on the server so they follow the user across devices. Changes show
 * at once; the whole document is sent in order (last writer wins, as the spec says) and the
 * server's answer is taken once nothing newer is pending.
 */
export const useSettingsStore = defineStore("settings", () => {
  const settings = shallowRef<Settings>(defaultSettings());
  const loaded = ref(false);
  const error = ref<string | null>(null);
  let api: WorkspaceApi | null = null;
  let pending = 0;
  let queue: Promise<unknown> = Promise.resolve();

  async function load(workspace: WorkspaceApi): Promise<void> {
    api = workspace;
    try {
      settings.value = toSettings(await workspace.settings());
      loaded.value = true;
      error.value = null;
    } catch (failure) {
      error.value = messageOf(failure);
    }
  }

  /** Changes some settings now and on the server; resolves when the server has them. */
  function update(patch: Partial<UserSettings_Api_Backend>): Promise<void> {
    const next = toSettings({ ...settings.value, ...patch });
    settings.value = next;
    const target = api;
    if (!target) return Promise.resolve();
    pending += 1;
    const sent = queue.then(async () => {
      try {
        const answer = toSettings(await target.replaceSettings(next));
        if (pending === 1) settings.value = answer;
        error.value = null;
      } catch (failure) {
        error.value = messageOf(failure);
      } finally {
        pending -= 1;
      }
    });
    queue = sent;
    return sent;
  }

  /** The quantity last sent for a symbol, offered next time (most recent last). */
  function rememberQuantity(symbol: string, qty: number): Promise<void> {
    const rest = Object.entries(settings.value.quantities).filter(
      ([s]) => s !== symbol,
    );
    const kept = rest.slice(Math.max(0, rest.length - (MAX_QUANTITIES - 1)));
    return update({ quantities: Object.fromEntries([...kept, [symbol, qty]]) });
  }

  function reset(): void {
    settings.value = defaultSettings();
    loaded.value = false;
    error.value = null;
    api = null;
  }

  return { settings, loaded, error, load, update, rememberQuantity, reset };
});

function messageOf(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}
