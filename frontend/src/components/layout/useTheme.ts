import { watchEffect } from "vue";
import { REST_SCHEMAS } from "@tradewire/client/rest-schemas";
import type { Theme_Api_Backend } from "../../clients/api-types-generated";
import { loadJson, saveJson } from "../../stores/persist";
import { useSettingsStore } from "../../stores/settings";

const THEMES = (
  REST_SCHEMAS.$defs as unknown as Record<string, { enum?: readonly string[] }>
).Theme?.enum ?? ["dark", "light"];

/** The theme last applied in this browser, when one was saved and is still a known theme. */
export function savedTheme(): Theme_Api_Backend | undefined {
  const saved = loadJson<unknown>("theme");
  return typeof saved === "string" && THEMES.includes(saved)
    ? (saved as Theme_Api_Backend)
    : undefined;
}

function applyTheme(theme: string | undefined): void {
  const root = globalThis.document?.documentElement;
  if (root && theme) root.dataset.theme = theme;
}

/**
 * Called before the app mounts: the sign-in page and the moments before the server's settings
 * arrive show the theme the user last had here, not a dark flash for a light-theme user.
 */
export function applySavedTheme(): void {
  const saved = savedTheme();
  if (saved) applyTheme(saved);
}

/**
 * `data-theme` on <html> follows settings.theme once the server's settings are loaded (they win,
 * and are remembered for the next start); until then, and after sign-out, the saved theme stays.
 */
export function useTheme(): void {
  const settings = useSettingsStore();
  watchEffect(() => {
    if (settings.loaded) {
      const theme = settings.settings.theme;
      applyTheme(theme);
      if (theme) saveJson("theme", theme);
    } else applyTheme(savedTheme() ?? settings.settings.theme);
  });
}
