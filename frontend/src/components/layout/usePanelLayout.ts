import { computed, onBeforeUnmount, ref, shallowRef } from "vue";
import { useSettingsStore } from "../../stores/settings";
import {
  clampPanels,
  maxSizes,
  MIN_SIZES,
  type PanelSizes,
  type Viewport,
} from "./panelSizes";

/**
 * The terminal's panel sizes: the saved ones (settings.panels) fitted to the window, the sizes of
 * a drag in progress over them, and saving once a resize ends.
 */
export function usePanelLayout() {
  const settings = useSettingsStore();
  const viewport = shallowRef<Viewport>(currentViewport());
  /** Sizes while a splitter moves; saved (and cleared) when it stops. */
  const live = ref<Partial<PanelSizes>>({});
  const onResize = () => (viewport.value = currentViewport());
  globalThis.addEventListener?.("resize", onResize);
  onBeforeUnmount(() => globalThis.removeEventListener?.("resize", onResize));

  const sizes = computed(() =>
    clampPanels(
      { ...(settings.settings.panels as PanelSizes), ...live.value },
      viewport.value,
    ),
  );
  const limits = computed(() => maxSizes(sizes.value, viewport.value));
  const style = computed(() => ({
    "--watchlist-width": `${sizes.value.watchlistWidth}px`,
    "--ticket-width": `${sizes.value.ticketWidth}px`,
    "--account-height": `${sizes.value.accountHeight}px`,
  }));

  function resize(panel: keyof PanelSizes, size: number): void {
    live.value = { ...live.value, [panel]: size };
  }

  function commit(panel: keyof PanelSizes, size: number): Promise<void> {
    // Only this panel's size: the others keep what was saved, maybe on a larger screen.
    const panels = { ...settings.settings.panels, [panel]: size };
    live.value = {};
    return settings.update({ panels });
  }

  return { sizes, limits, min: MIN_SIZES, style, resize, commit };
}

function currentViewport(): Viewport {
  return {
    width: globalThis.innerWidth ?? 1600,
    height: globalThis.innerHeight ?? 900,
  };
}
