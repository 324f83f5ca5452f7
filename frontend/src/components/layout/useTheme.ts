import { watchEffect } from "vue";
import { useSettingsStore } from "../../stores/settings";

/** `data-theme` on <html> follows settings.theme; theme.css picks the colours by it. */
export function useTheme(): void {
  const settings = useSettingsStore();
  watchEffect(() => {
    const root = globalThis.document?.documentElement;
    if (root) root.dataset.theme = settings.settings.theme;
  });
}
